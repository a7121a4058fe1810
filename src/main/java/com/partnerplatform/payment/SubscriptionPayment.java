package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One period's charge as the payments ledger holds it.
 *
 * @param transactionId the gateway's reference of the charge
 * @param idempotencyKey {@code subscription-{id}-period-{n}-attempt-{k}}
 */
public record SubscriptionPayment(String transactionId, BigDecimal amount, String currency, String idempotencyKey,
    Instant chargedAt) {

  static SubscriptionPayment of(LedgerEntry entry) {
    return new SubscriptionPayment(entry.gatewayReference(), entry.amount(), entry.currency(),
        entry.idempotencyKey(), entry.createdAt());
  }
}
