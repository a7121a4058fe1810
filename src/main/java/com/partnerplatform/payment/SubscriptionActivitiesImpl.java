package com.partnerplatform.payment;

import com.partnerplatform.payment.gateway.GatewayException;
import com.partnerplatform.payment.gateway.PaymentDeclinedException;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
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
  private final Clock clock;

  SubscriptionActivitiesImpl(SubscriptionStore subscriptions, PaymentLedger ledger, PaymentGateway gateway,
      GatewayDeadline deadline, Clock clock) {
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.gateway = gateway;
    this.deadline = deadline;
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
      throw PaymentActivitiesImpl.declineFailure(e);
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    return SubscriptionPayment.of(recordedOnce(chargeEntry(charge, charged.reference(), charge.amount(),
        charge.currency())));
  }

  @Override
  public SubscriptionRefund refund(SubscriptionCharge charge, Instant chargedNotBefore) {
    String refundKey = SubscriptionRefund.KEY_PREFIX + charge.idempotencyKey();
    Optional<LedgerEntry> refunded = ledger.findByKey(refundKey);
    if (refunded.isPresent()) {
      return SubscriptionRefund.of(refunded.get());
    }
    Optional<LedgerEntry> taken = ledger.findByKey(charge.idempotencyKey())
        .or(() -> fromGatewayBook(charge, chargedNotBefore));
    if (taken.isEmpty()) {
      return null;
    }
    LedgerEntry taking = taken.get();
    GatewayResult refund;
    try {
      deadline.requireTimeForCall();
      refund = gateway.refund(new PaymentGateway.RefundRequest(refundKey, taking.gatewayReference(),
          taking.amount(), taking.currency()));
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    return SubscriptionRefund.of(recordedOnce(new LedgerEntry(UUID.randomUUID(), null, charge.subscriptionId(),
        LedgerEntry.REFUND, taking.amount(), taking.currency(), gateway.name(), refund.reference(), refundKey, null,
        SqlTimestamps.now(clock))));
  }

  @Override
  public void saveDetails(UUID subscriptionId, long revision, SubscriptionDetails details) {
    if (!subscriptions.save(subscriptionId, revision, details, SqlTimestamps.now(clock))
        && subscriptions.find(subscriptionId).isEmpty()) {
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

  /** The charge the gateway's book holds under the charge's key, written to the ledger; empty when it took none. */
  private Optional<LedgerEntry> fromGatewayBook(SubscriptionCharge charge, Instant chargedNotBefore) {
    Optional<BookedCharge> booked;
    try {
      deadline.requireTimeForCall();
      booked = gateway.findCharge(new PaymentGateway.ChargeLookup(charge.idempotencyKey(),
          charge.paymentMethod().token(), chargedNotBefore));
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    // The book's amount is what was taken.
    return booked.map(found -> recordedOnce(chargeEntry(charge, found.reference(), found.amount(),
        found.currency())));
  }

  private LedgerEntry chargeEntry(SubscriptionCharge charge, String gatewayReference, BigDecimal amount,
      String currency) {
    return new LedgerEntry(UUID.randomUUID(), null, charge.subscriptionId(), LedgerEntry.CHARGE, amount, currency,
        gateway.name(), gatewayReference, charge.idempotencyKey(), charge.paymentMethod().type(),
        SqlTimestamps.now(clock));
  }

  /** The entry, or the one a concurrent attempt with the same key recorded first. */
  private LedgerEntry recordedOnce(LedgerEntry entry) {
    return ledger.record(entry) ? entry : ledger.findByKey(entry.idempotencyKey()).orElseThrow();
  }
}
