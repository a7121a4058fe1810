package com.partnerplatform.payment;

import java.time.Instant;
import java.util.List;

/**
 * Where a subscription's billing stands, carried from one run of its workflow to the next.
 *
 * @param dueAt when the charge of the next period (number {@code periodsPaid + 1}) is due
 * @param cycleStart the start of period {@code cycleStartPeriod}; later periods of the plan's
 *     billing period are counted from it
 * @param keyAttempt the attempt number in the next charge's idempotency key: it moves on only
 *     when the gateway refused the previous attempt, so an attempt whose outcome is unknown is
 *     repeated with its own key and cannot charge twice
 * @param remindedPeriod the last period the customer was reminded of
 * @param revision counts changes, so that an older copy never overwrites a newer one in the table
 */
public record SubscriptionState(Plan plan, Plan nextPlan, int periodsPaid, Instant dueAt, Instant cycleStart,
    int cycleStartPeriod, int failedAttempts, int keyAttempt, int remindedPeriod, Instant paidThrough,
    boolean paused, boolean cancelAtPeriodEnd, String lastFailure, List<SubscriptionPayment> lastPayments,
    long revision) {}
