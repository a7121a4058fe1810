package com.partnerplatform.user;

import java.time.Duration;

/** Too many failed logins; the next attempt can be counted after {@link #retryAfterSeconds()}. */
class LoginThrottledException extends RuntimeException {

  private final Duration retryAfter;

  LoginThrottledException(Duration retryAfter) {
    super("Too many failed login attempts");
    this.retryAfter = retryAfter;
  }

  /** Whole seconds for the {@code Retry-After} header, rounded up. */
  long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
