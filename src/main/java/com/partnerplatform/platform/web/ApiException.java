package com.partnerplatform.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal the client can act on, rendered as an RFC 9457 problem with a stable {@code code}
 * (e.g. {@code EMAIL_TAKEN}, {@code WORKFLOW_NOT_FOUND}).
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public ApiException(HttpStatus status, String code, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException notFound(String code, String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, code, detail);
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(HttpStatus.CONFLICT, code, detail);
  }

  public static ApiException badRequest(String code, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
  }
}
