package com.partnerplatform.payment;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Keeps every gateway request inside the activity attempt that sends it. When an attempt times
 * out at the server, its thread here runs on and Temporal starts the next attempt, or the saga
 * compensates, beside it: a request sent by that thread could charge after the refund has looked.
 * So a request is sent only while the attempt has time left for the whole call (the gateway
 * timeout); otherwise the attempt fails, retryably, before sending anything.
 */
@Component
class GatewayDeadline {

  private final Duration gatewayTimeout;
  private final Clock clock;

  GatewayDeadline(PaymentProperties properties, Clock clock) {
    this.gatewayTimeout = properties.gatewayTimeout();
    this.clock = clock;
  }

  /**
   * Throws a retryable {@code GATEWAY_ERROR} when the current activity attempt ends before a
   * gateway call started now would. Outside an activity (tests calling an activity's method
   * directly) there is no attempt to outlive.
   */
  void requireTimeForCall() {
    ActivityInfo info;
    try {
      info = Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException notInAnActivity) {
      return;
    }
    Duration startToClose = info.getStartToCloseTimeout();
    if (startToClose == null || startToClose.isZero()) {
      return;
    }
    Instant attemptEnds = Instant.ofEpochMilli(info.getStartedTimestamp()).plus(startToClose);
    if (clock.instant().plus(gatewayTimeout).isAfter(attemptEnds)) {
      throw ApplicationFailure.newFailure("Not sent: this attempt ends at " + attemptEnds + ", before a gateway call"
          + " started now could end (platform.payment.gateway-timeout " + gatewayTimeout + ").",
          PaymentErrors.GATEWAY_ERROR);
    }
  }
}
