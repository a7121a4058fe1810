package com.partnerplatform.payment;

import com.partnerplatform.payment.gateway.GatewayException;
import com.partnerplatform.payment.gateway.PaymentDeclinedException;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class SubscriptionActivitiesImpl implements SubscriptionActivities {

  private final SubscriptionStore subscriptions;
  private final PaymentLedger ledger;
  private final PaymentGateway gateway;
  private final Clock clock;

  SubscriptionActivitiesImpl(SubscriptionStore subscriptions, PaymentLedger ledger, PaymentGateway gateway,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.gateway = gateway;
    this.clock = clock;
  }

  @Override
  public SubscriptionPayment charge(SubscriptionCharge charge) {
    // The ledger answers for keys it knows, however long ago the gateway forgot them.
    Optional<LedgerEntry> recorded = ledger.findByKey(charge.idempotencyKey());
    if (recorded.isPresent()) {
      return SubscriptionPayment.of(recorded.get());
    }
    GatewayResult charged;
    try {
      charged = gateway.charge(new PaymentGateway.ChargeRequest(charge.idempotencyKey(), charge.amount(),
          charge.currency(), charge.paymentMethod().type(), charge.paymentMethod().token(),
          "Subscription " + charge.subscriptionId() + ", period " + charge.period()));
    } catch (PaymentDeclinedException e) {
      throw PaymentActivitiesImpl.declineFailure(e);
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), null, charge.subscriptionId(), LedgerEntry.CHARGE,
        charge.amount(), charge.currency(), gateway.name(), charged.reference(), charge.idempotencyKey(),
        charge.paymentMethod().type(), SqlTimestamps.now(clock));
    if (!ledger.record(entry)) {
      // A concurrent attempt with the same key recorded the same charge first.
      entry = ledger.findByKey(charge.idempotencyKey()).orElseThrow();
    }
    return SubscriptionPayment.of(entry);
  }

  @Override
  public void saveDetails(UUID subscriptionId, long revision, SubscriptionDetails details) {
    if (!subscriptions.save(subscriptionId, revision, details, SqlTimestamps.now(clock))
        && subscriptions.find(subscriptionId).isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("Subscription " + subscriptionId + " does not exist.",
          PaymentErrors.VALIDATION_ERROR);
    }
  }
}
