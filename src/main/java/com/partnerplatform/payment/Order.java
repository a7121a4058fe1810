package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order and where its payment stands.
 *
 * @param paymentWorkflowId the payment saga, once started
 * @param paymentIdempotencyKey the Idempotency-Key of the request that started the payment
 * @param transactionId the gateway's reference of the charge that paid the order
 * @param failureCode why the payment failed or waits (e.g. {@code PAYMENT_FAILED}), if it did
 */
record Order(
    UUID id,
    UUID userId,
    List<Item> items,
    BigDecimal amount,
    String currency,
    OrderStatus status,
    String paymentWorkflowId,
    String paymentIdempotencyKey,
    String transactionId,
    String failureCode,
    String failureMessage,
    Instant createdAt,
    Instant updatedAt) {

  Order {
    items = List.copyOf(items);
  }

  Order withItems(List<Item> items) {
    return new Order(id, userId, items, amount, currency, status, paymentWorkflowId, paymentIdempotencyKey,
        transactionId, failureCode, failureMessage, createdAt, updatedAt);
  }

  /** One line of an order, at the price when it was ordered. */
  record Item(String sku, int quantity, BigDecimal unitPrice) {}
}
