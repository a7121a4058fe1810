package com.partnerplatform.payment;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

/**
 * The side effects of the subscription workflow. Each may run more than once and has the effect of
 * running once.
 */
@ActivityInterface(namePrefix = "Subscription")
public interface SubscriptionActivities {

  /**
   * Charges through the gateway and writes the payments ledger, once per idempotency key. A decline
   * is a non-retryable {@code PAYMENT_FAILED} failure, a request the gateway refuses a non-retryable
   * {@code GATEWAY_ERROR}.
   */
  SubscriptionPayment charge(SubscriptionCharge charge);

  /** Writes the subscription's state to its row, unless the row holds a later revision already. */
  void saveDetails(UUID subscriptionId, long revision, SubscriptionDetails details);
}
