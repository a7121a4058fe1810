package com.partnerplatform.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors the server answers before any controller runs (an unknown HTTP method, a request Tomcat
 * refuses) are problem documents too, instead of Spring Boot's own JSON (found by fuzzing).
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatusCode status = HttpStatusCode.valueOf(code instanceof Integer value ? value : 500);
    String detail = status.is5xxServerError()
        ? "Something went wrong on our side; the request id identifies it in the logs."
        : "The request cannot be served" + (HttpStatus.resolve(status.value()) == null ? "."
            : ": " + HttpStatus.resolve(status.value()).getReasonPhrase().toLowerCase() + ".");
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status, status.is5xxServerError() ? "INTERNAL_ERROR" : ProblemHandler.codeFor(status),
            detail));
  }
}
