package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import com.partnerplatform.platform.temporal.TemporalSettings;
import java.time.Duration;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Refuses, at startup, a configuration in which a gateway call can outlive the activity attempt
 * that makes it: the next attempt, or the refund, would then run beside a charge still in flight.
 * Every activity that calls the gateway needs a start-to-close of at least the gateway timeout plus
 * its margin.
 */
@Component
class GatewayTimeouts {

  GatewayTimeouts(PaymentProperties payment, TemporalSettings temporal, ActivityOptionsCatalog catalog) {
    Duration needed = payment.gatewayTimeout().plus(payment.gatewayTimeoutMargin());
    new TreeMap<>(PaymentConfiguration.GATEWAY_ACTIVITY_OPTIONS).forEach((activityType, optionsName) -> {
      Duration startToClose = catalog.named(optionsName).getStartToCloseTimeout();
      if (startToClose.compareTo(needed) < 0) {
        String timeoutName = temporal.activityOptions().get(optionsName).timeout();
        throw new IllegalStateException("platform.payment.gateway-timeout (" + payment.gatewayTimeout()
            + ") plus platform.payment.gateway-timeout-margin (" + payment.gatewayTimeoutMargin()
            + ") is longer than the start-to-close of " + activityType + ", which calls the gateway: "
            + startToClose + " (platform.temporal.activity-options." + optionsName + " uses timeout '"
            + timeoutName + "', platform.temporal.activity-timeouts." + timeoutName + "). A gateway call could"
            + " outlive its activity attempt; shorten the gateway timeout or lengthen that activity timeout.");
      }
    });
  }
}
