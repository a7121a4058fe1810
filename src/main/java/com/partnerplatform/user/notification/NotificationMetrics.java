package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/** Deliveries of notifications by channel and outcome (README "Operating it" → Metrics). */
@Component
class NotificationMetrics {

  /**
   * Tags {@code channel} (email, in_app, webhook) and {@code outcome}: delivered (once per delivery,
   * when it is first recorded), failed (for good) or error (an attempt failed; it is retried).
   */
  static final String DELIVERIES = "notifications.deliveries";

  private final MeterRegistry meters;

  NotificationMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /**
   * Runs one attempt of a delivery activity and counts how it went.
   *
   * @param attempt answers whether this attempt recorded the delivery (false: an earlier one did)
   */
  void attempt(NotificationChannel channel, BooleanSupplier attempt) {
    boolean delivered;
    try {
      delivered = attempt.getAsBoolean();
    } catch (RuntimeException e) {
      count(channel, e instanceof ApplicationFailure failure && failure.isNonRetryable() ? "failed" : "error");
      throw e;
    }
    if (delivered) {
      count(channel, "delivered");
    }
  }

  private void count(NotificationChannel channel, String outcome) {
    meters.counter(DELIVERIES, "channel", channel.key(), "outcome", outcome).increment();
  }
}
