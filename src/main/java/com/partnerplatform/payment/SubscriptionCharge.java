package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One attempt at charging one period of a subscription.
 *
 * @param period the period paid for, counted from 1
 * @param idempotencyKey {@code subscription-{id}-period-{n}-attempt-{k}}: the gateway charges each
 *     key once however often it is retried
 */
public record SubscriptionCharge(UUID subscriptionId, int period, String idempotencyKey, BigDecimal amount,
    String currency, PaymentMethod paymentMethod) {}
