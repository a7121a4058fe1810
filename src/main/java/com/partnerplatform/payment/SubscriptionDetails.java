package com.partnerplatform.payment;

import java.time.Instant;
import java.util.List;

/**
 * What the subscription workflow reports ({@code getDetails}) and keeps in the subscriptions
 * table.
 *
 * @param plan the plan the subscription pays for now
 * @param nextPlan the plan it changes to from the next period, or null
 * @param periodsPaid how many periods have been paid for
 * @param paidThrough the end of the last period paid for; null before the first payment
 * @param nextChargeAt when the next charge (or retry) is due; null while paused, once a
 *     cancellation at the end of the period is pending, and once ended
 * @param failedAttempts failed charges of the period being paid for now
 * @param cancelAtPeriodEnd the subscription ends when the period paid for ends
 * @param lastFailure why the last charge failed, while the period's payment is outstanding
 * @param lastPayments the latest payments, newest first
 * @param refund the refund of the period whose charge was in flight when the subscription was
 *     cancelled at once; null when nothing was refunded
 */
public record SubscriptionDetails(SubscriptionStatus status, Plan plan, Plan nextPlan, int periodsPaid,
    Instant paidThrough, Instant nextChargeAt, int failedAttempts, boolean cancelAtPeriodEnd, String lastFailure,
    List<SubscriptionPayment> lastPayments, SubscriptionRefund refund) {}
