package com.partnerplatform.platform.temporal;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;

/**
 * How update validators refuse with a problem code the API answers with, and how the caller finds
 * that code again.
 */
public final class UpdateRefusals {

  private UpdateRefusals() {}

  /**
   * What a validator throws to refuse an update. SDK 1.38 sends an {@link ApplicationFailure} thrown
   * by a validator to the client without its type (sdk-java issue 2875), but keeps the causes of
   * any other exception: the code travels as the cause.
   */
  public static IllegalStateException refusal(String code, String message) {
    return new IllegalStateException(message, ApplicationFailure.newNonRetryableFailure(message, code));
  }

  /** The refusal with one of {@code codes} among the causes of an update's failure, if any. */
  public static Optional<ApplicationFailure> refusalIn(Throwable failure, Set<String> codes) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure refusal && codes.contains(refusal.getType())) {
        return Optional.of(refusal);
      }
    }
    return Optional.empty();
  }
}
