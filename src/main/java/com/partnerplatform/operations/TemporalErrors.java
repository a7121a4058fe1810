package com.partnerplatform.operations;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.failure.TemporalFailure;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/** Reads what went wrong out of the exception chains the Temporal client produces. */
final class TemporalErrors {

  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Failure): ");

  private TemporalErrors() {}

  /** The gRPC status somewhere in the chain, if the failure came from a call to the server. */
  static Optional<Status.Code> grpcCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return Optional.of(grpc.getStatus().getCode());
      }
    }
    return Optional.empty();
  }

  /**
   * The most specific human-readable message: that of the innermost failure reported by a workflow
   * or by the server, without the SDK's wrapper text (ids, types) and never a stack trace.
   */
  static String message(Throwable failure) {
    String message = null;
    Throwable innermost = unwrap(failure);
    for (Throwable t = innermost; t != null; t = t.getCause()) {
      innermost = t;
      if (t instanceof TemporalFailure temporal) {
        message = temporal.getOriginalMessage();
      } else if (t instanceof StatusRuntimeException grpc) {
        message = grpc.getStatus().getDescription();
      }
    }
    if (message == null || message.isBlank()) {
      message = innermost.getMessage();
    }
    if (message == null || message.isBlank()) {
      return innermost.getClass().getSimpleName();
    }
    return withoutTrace(message);
  }

  /**
   * Some failures arrive as a worker's rendered exception ("java.lang.X: message" followed by
   * "at ..." lines): keep the message only.
   */
  private static String withoutTrace(String message) {
    String firstLine = message.strip().lines().findFirst().orElse("");
    return EXCEPTION_PREFIX.matcher(firstLine).replaceFirst("");
  }

  /** Strips the wrappers that futures add around the real failure. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
