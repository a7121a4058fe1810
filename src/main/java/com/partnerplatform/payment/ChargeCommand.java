package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One charge of an order with one payment method.
 *
 * @param idempotencyKey {@code payment-{orderId}}, or {@code payment-{orderId}-attempt-{n}} for the
 *     n-th payment method: the gateway charges each key once however often it is retried
 * @param earlierKeys the keys of this order's earlier charges, oldest first: the gateway is asked
 *     what it took under them before it is asked to charge under another key (null in commands
 *     of sagas started before they were sent: none is asked)
 */
public record ChargeCommand(UUID orderId, String idempotencyKey, BigDecimal amount, String currency,
    PaymentMethod paymentMethod, List<String> earlierKeys) {}
