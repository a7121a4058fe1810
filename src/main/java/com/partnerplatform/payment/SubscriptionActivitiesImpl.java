package com.partnerplatform.payment;

import com.partnerplatform.payment.gateway.GatewayException;
import com.partnerplatform.payment.gateway.PaymentDeclinedException;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class SubscriptionActivitiesImpl implements SubscriptionActivities {

  private final SubscriptionStore subscriptions;
  private final PaymentLedger ledger;
  private final PaymentGateway gateway;
  private final GatewayDeadline deadline;
  private final ChargeSettlement settlement;
  private final PaymentMetrics metrics;
  private final Clock clock;

  SubscriptionActivitiesImpl(SubscriptionStore subscriptions, PaymentLedger ledger, PaymentGateway gateway,
      GatewayDeadline deadline, ChargeSettlement settlement, PaymentMetrics metrics, Clock clock) {
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.gateway = gateway;
    this.deadline = deadline;
    this.settlement = settlement;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public SubscriptionPayment charge(SubscriptionCharge charge) {
    // The ledger answers for keys it knows, however long ago the gateway forgot them.
    Optional<LedgerEntry> recorded = ledger.findByKey(charge.idempotencyKey());
    if (recorded.isPresent()) {
      return SubscriptionPayment.of(recorded.get());
    }
    requireNotEnded(charge.subscriptionId());
    GatewayResult charged;
    try {
      deadline.requireTimeForCall();
      charged = gateway.charge(new PaymentGateway.ChargeRequest(charge.idempotencyKey(), charge.amount(),
          charge.currency(), charge.paymentMethod().type(), charge.paymentMethod().token(),
          "Subscription " + charge.subscriptionId() + ", period " + charge.period()));
    } catch (PaymentDeclinedException e) {
      chargeFailed(PaymentMetrics.DECLINED);
      throw PaymentActivitiesImpl.declineFailure(e);
    } catch (GatewayException e) {
      chargeFailed(PaymentMetrics.ERROR);
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    metrics.chargeAttempted(gateway.name(), "subscription", PaymentMetrics.SUCCEEDED);
    LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), null, charge.subscriptionId(), LedgerEntry.CHARGE,
        charge.amount(), charge.currency(), gateway.name(), charged.reference(), charge.idempotencyKey(),
        charge.paymentMethod().type(), SqlTimestamps.now(clock));
    if (ledger.record(entry)) {
      metrics.subscriptionCharged("paid");
      return SubscriptionPayment.of(entry);
    }
    // A concurrent attempt with the same key recorded it first, and counted it.
    return SubscriptionPayment.of(ledger.findByKey(entry.idempotencyKey()).orElseThrow());
  }

  /** @param outcome declined or error: the attempt's and the charge's alike */
  private void chargeFailed(String outcome) {
    metrics.chargeAttempted(gateway.name(), "subscription", outcome);
    metrics.subscriptionCharged(outcome);
  }

  @Override
  public SubscriptionRefund refund(SubscriptionCharge charge, Instant chargedNotBefore) {
    // The charge's answer may have been lost: the gateway's book, not the ledger, says what went through.
    return settlement.settled(null, charge.subscriptionId(), charge.idempotencyKey(), charge.paymentMethod().token(),
            chargedNotBefore)
        .map(settlement::refund)
        .map(SubscriptionRefund::of)
        .orElse(null);
  }

  @Override
  public void saveDetails(UUID subscriptionId, long revision, SubscriptionDetails details) {
    // One workflow saves its subscription, one save at a time: the status read here is the one being replaced.
    boolean suspending = details.status() == SubscriptionStatus.SUSPENDED && subscriptions.find(subscriptionId)
        .map(Subscription::status)
        .filter(status -> status != SubscriptionStatus.SUSPENDED)
        .isPresent();
    if (subscriptions.save(subscriptionId, revision, details, SqlTimestamps.now(clock))) {
      if (suspending) {
        metrics.subscriptionSuspended();
      }
    } else if (subscriptions.find(subscriptionId).isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("Subscription " + subscriptionId + " does not exist.",
          PaymentErrors.VALIDATION_ERROR);
    }
  }

  /** Whatever the workflow thinks, a subscription the table holds as ended is charged no more. */
  private void requireNotEnded(UUID subscriptionId) {
    Optional<SubscriptionStatus> ended = subscriptions.find(subscriptionId)
        .map(Subscription::status)
        .filter(SubscriptionStatus::ended);
    if (ended.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure("Subscription " + subscriptionId + " is "
          + ended.get().value() + " and is not charged.", SubscriptionErrors.ENDED);
    }
  }
}
