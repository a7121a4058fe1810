package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One movement of money through a gateway, for an order or for a subscription.
 *
 * @param orderId the order paid or refunded; null for a subscription's charge
 * @param subscriptionId the subscription charged; null for an order's payment
 * @param kind {@code charge} or {@code refund}
 * @param gatewayReference the gateway's id of the charge or refund
 * @param idempotencyKey the key the gateway request carried; one entry per key
 * @param paymentMethod the payment method type of a charge
 */
record LedgerEntry(UUID id, UUID orderId, UUID subscriptionId, String kind, BigDecimal amount, String currency,
    String gateway, String gatewayReference, String idempotencyKey, String paymentMethod, Instant createdAt) {

  static final String CHARGE = "charge";
  static final String REFUND = "refund";
}
