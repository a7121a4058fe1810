package com.partnerplatform.platform.web;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as {@code application/problem+json} with a stable {@code code}; validation
 * problems list each bad field; unexpected failures are logged and never leak internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(Problems.of(e.status(), e.code(), e.getMessage()));
  }

  // Method security throws these inside MVC; let the security handlers' rules apply.
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this."));
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication is required."));
  }

  /** A workflow call that found no server, or no worker answering in time, is worth a retry. */
  @ExceptionHandler({WorkflowException.class, StatusRuntimeException.class})
  ResponseEntity<ProblemDetail> workflowEngine(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc && (grpc.getStatus().getCode() == Status.Code.UNAVAILABLE
          || grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
        log.warn("Temporal did not answer: {}", grpc.getStatus());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORAL_UNAVAILABLE",
                "The workflow engine or its workers did not answer in time; try again shortly."));
      }
    }
    return unexpected(e);
  }

  /** Bodies or query strings the server cannot even parse (found by fuzzing: they were 500s). */
  @ExceptionHandler({MultipartException.class, InvalidParameterException.class, RequestRejectedException.class})
  ResponseEntity<ProblemDetail> unparseable(Exception e) {
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
        "The request's body or query string cannot be parsed."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("Unexpected error", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
            "Something went wrong on our side; the request id identifies it in the logs."));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
    }
    e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
        Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
    return invalid(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
        errors.add(Map.of("field", result.getMethodParameter().getParameterName() == null
                ? "parameter" : result.getMethodParameter().getParameterName(),
            "message", String.valueOf(error.getDefaultMessage())))));
    return invalid(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_BODY",
        "The request body is missing or is not valid JSON of the expected shape."));
  }

  /** Spring's own errors (404, 405, 415, bad parameters ...) keep their status and get a code. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
      problem.setProperty("code", codeFor(status));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
        "The request has " + errors.size() + " invalid field(s).");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  static String codeFor(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "HTTP_" + status.value() : known.name();
  }
}
