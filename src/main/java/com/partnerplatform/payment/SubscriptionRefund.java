package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The refund of the period whose charge was in flight when the customer cancelled at once: the
 * cancel waited for that charge to settle, and what it took went back.
 *
 * @param transactionId the gateway's reference of the refund
 * @param idempotencyKey {@code refund-} and the key of the charge refunded
 */
public record SubscriptionRefund(String transactionId, BigDecimal amount, String currency, String idempotencyKey,
    Instant refundedAt) {

  static SubscriptionRefund of(LedgerEntry entry) {
    return new SubscriptionRefund(entry.gatewayReference(), entry.amount(), entry.currency(), entry.idempotencyKey(),
        entry.createdAt());
  }
}
