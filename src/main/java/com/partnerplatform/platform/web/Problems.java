package com.partnerplatform.platform.web;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.IOException;
import java.net.URI;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problems with the platform's stable {@code code} property and, while tracing is on,
 * the {@code traceId} of the request that failed.
 */
public final class Problems {

  // The mixin flattens the problem's properties (such as code) to top level, as Spring MVC does.
  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:partner-platform:problem:" + code.toLowerCase().replace('_', '-')));
    problem.setProperty("code", code);
    return problem;
  }

  /** Writes a problem from outside Spring MVC (servlet filters, security handlers). */
  public static void write(HttpServletResponse response, HttpStatusCode status, String code, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), withTraceId(of(status, code, detail)));
  }

  /** Adds the current trace's id, which finds the request's spans and log lines; none without tracing. */
  static ProblemDetail withTraceId(ProblemDetail problem) {
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      problem.setProperty("traceId", span.getTraceId());
    }
    return problem;
  }
}
