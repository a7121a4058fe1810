package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One charge of an order with one payment method.
 *
 * @param idempotencyKey {@code payment-{orderId}}, or {@code payment-{orderId}-attempt-{n}} for the
 *     n-th payment method: the gateway charges each key once however often it is retried
 */
public record ChargeCommand(UUID orderId, String idempotencyKey, BigDecimal amount, String currency,
    PaymentMethod paymentMethod) {}
