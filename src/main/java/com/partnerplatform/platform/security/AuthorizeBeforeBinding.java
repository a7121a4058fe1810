package com.partnerplatform.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks a controller's role-only {@code @PreAuthorize} before the request body is read and
 * validated: otherwise a caller without the role learns the endpoint's validation rules from a 400
 * instead of getting a 403. Expressions over arguments ({@code #id}) are left to method security.
 */
@Component
class AuthorizeBeforeBinding implements HandlerInterceptor, WebMvcConfigurer {

  private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
      if (rule == null) {
        rule = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
      }
      if (rule != null && !rule.value().contains("#")) {
        preAuthorize.verify(() -> SecurityContextHolder.getContext().getAuthentication(),
            new SimpleMethodInvocation(method.getBean(), method.getMethod()));
      }
    }
    return true;
  }
}
