package com.partnerplatform.payment;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
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
   * {@code GATEWAY_ERROR}. A subscription whose row says it ended is not charged: a non-retryable
   * {@code SUBSCRIPTION_ENDED} failure.
   */
  SubscriptionPayment charge(SubscriptionCharge charge);

  /**
   * Refunds in full what the gateway took under the charge's idempotency key, once per key
   * ({@code refund-} and the charge's key), and writes the refund to the ledger. When the ledger
   * lacks the charge (its answer was lost), the gateway's book is asked, and the charge it holds
   * is written to the ledger before it is refunded.
   *
   * @param chargedNotBefore no request with the charge's key was sent earlier (bounds the search
   *     in the gateway's book)
   * @return the refund; null when the gateway took nothing under the key
   */
  SubscriptionRefund refund(SubscriptionCharge charge, Instant chargedNotBefore);

  /** Writes the subscription's state to its row, unless the row holds a later revision already. */
  void saveDetails(UUID subscriptionId, long revision, SubscriptionDetails details);
}
