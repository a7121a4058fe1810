package com.partnerplatform.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the subscriptions table: who subscribed to what, and the state its workflow last saved
 * (see {@link SubscriptionDetails} for the fields they share).
 *
 * @param idempotencyKey the Idempotency-Key of the request that created it, or null
 */
record Subscription(UUID id, UUID userId, String planId, String nextPlanId, SubscriptionStatus status,
    String paymentMethodType, String workflowId, String idempotencyKey, int periodsPaid, Instant paidThrough,
    Instant nextChargeAt, int failedAttempts, boolean cancelAtPeriodEnd, String lastFailure, Instant createdAt,
    Instant updatedAt, Instant endedAt) {}
