package com.partnerplatform.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A process with {@code platform.role=worker} serves only the actuator, not the business API. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ConditionalOnProperty(name = "platform.role", havingValue = "worker")
public class WorkerRoleFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().startsWith(request.getContextPath() + "/actuator")) {
      chain.doFilter(request, response);
      return;
    }
    Problems.write(response, HttpStatus.NOT_FOUND, "WORKER_ONLY",
        "This process runs workers only (platform.role=worker); the API is served by api processes.");
  }
}
