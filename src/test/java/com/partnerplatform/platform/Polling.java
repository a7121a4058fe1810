package com.partnerplatform.platform;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in integration tests for what the application finishes in the background. */
public final class Polling {

  private static final Duration INTERVAL = Duration.ofMillis(100);

  private Polling() {}

  /**
   * Reads the value until it meets the condition or the timeout has passed.
   *
   * @return the last value read, for the caller to assert on
   */
  public static <T> T poll(Duration timeout, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      sleep(INTERVAL);
      value = read.get();
    }
    return value;
  }

  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
