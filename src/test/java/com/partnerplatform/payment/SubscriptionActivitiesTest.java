package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.payment.gateway.PaymentGateway;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/**
 * The subscription activities and stores against the database (H2, or PostgreSQL with
 * PLATFORM_IT_DATABASE_URL) and the sandbox gateway.
 */
class SubscriptionActivitiesTest {

  private static final PaymentMethod GOOD_CARD = new PaymentMethod("card", "4242424242424242");
  private static final PaymentMethod DECLINED_CARD = new PaymentMethod("card", "4000000000000002");
  private static final PaymentMethod PROCESSING_ERROR_CARD = new PaymentMethod("card", "4000000000000119");

  private final PaymentTestDatabase db = new PaymentTestDatabase();
  private final PlanStore plans = new PlanStore(db.jdbc);
  private final SubscriptionStore subscriptions = new SubscriptionStore(db.jdbc);
  private final SubscriptionActivities activities =
      new SubscriptionActivitiesImpl(subscriptions, db.ledger, db.gateway,
          db.deadline, db.settlement, db.metrics, Clock.systemUTC());
  private final Plan plan = plan(BillingPeriod.MONTHLY);
  private final UUID subscriptionId = subscription(plan);

  @Test
  void aChargeGoesThroughTheGatewayOnceAndIntoTheLedgerUnderTheSubscription() {
    SubscriptionCharge charge = charge(GOOD_CARD, 1);

    SubscriptionPayment first = activities.charge(charge);
    SubscriptionPayment again = activities.charge(charge);

    assertThat(first.transactionId()).startsWith("sandbox_ch_");
    assertThat(again).isEqualTo(first);
    assertThat(first.amount()).isEqualByComparingTo("9.99");
    assertThat(first.idempotencyKey()).isEqualTo(charge.idempotencyKey());
    List<LedgerEntry> ledger = db.ledger.latestForSubscription(subscriptionId, 10);
    assertThat(ledger).singleElement().satisfies(entry -> {
      assertThat(entry.subscriptionId()).isEqualTo(subscriptionId);
      assertThat(entry.orderId()).isNull();
      assertThat(entry.kind()).isEqualTo("charge");
      assertThat(entry.gatewayReference()).isEqualTo(first.transactionId());
      assertThat(entry.paymentMethod()).isEqualTo("card");
    });
    assertThat(charges("paid")).isEqualTo(1);
    assertThat(attempts("succeeded")).isEqualTo(1);
  }

  @Test
  void aChargeWhoseAnswerWasLostIsFoundAgainByItsKey() {
    SubscriptionCharge charge = charge(GOOD_CARD, 1);
    db.gateway.failTransiently(charge.idempotencyKey(), 1);

    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(charge));
    SubscriptionPayment retried = activities.charge(charge);

    assertThat(lost.getType()).isEqualTo("GATEWAY_ERROR");
    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(db.ledger.latestForSubscription(subscriptionId, 10)).singleElement()
        .satisfies(entry -> assertThat(entry.gatewayReference()).isEqualTo(retried.transactionId()));
    assertThat(charges("error")).isEqualTo(1);
    assertThat(charges("paid")).isEqualTo(1);
  }

  @Test
  void aDeclineIsANonRetryablePaymentFailureAndLeavesTheLedgerAlone() {
    ApplicationFailure declined = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.charge(charge(DECLINED_CARD, 1)));
    ApplicationFailure processingError = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.charge(charge(PROCESSING_ERROR_CARD, 2)));

    assertThat(declined.getType()).isEqualTo("PAYMENT_FAILED");
    assertThat(declined.isNonRetryable()).isTrue();
    assertThat(declined.getOriginalMessage()).contains("card_declined");
    assertThat(processingError.getType()).isEqualTo("GATEWAY_ERROR");
    assertThat(processingError.isNonRetryable()).isFalse();
    assertThat(db.ledger.latestForSubscription(subscriptionId, 10)).isEmpty();
    assertThat(charges("declined")).isEqualTo(1);
    assertThat(charges("error")).isEqualTo(1);
    assertThat(attempts("declined")).isEqualTo(1);
    assertThat(attempts("error")).isEqualTo(1);
  }

  @Test
  void aRefundGivesBackWhatThePeriodsChargeTookOnceSoTheGatewayNetsZero() {
    SubscriptionCharge charge = charge(GOOD_CARD, 1);
    SubscriptionPayment paid = activities.charge(charge);

    SubscriptionRefund refund = activities.refund(charge, Instant.now().minusSeconds(60));
    SubscriptionRefund again = activities.refund(charge, Instant.now().minusSeconds(60));

    assertThat(again).isEqualTo(refund);
    assertThat(refund.idempotencyKey()).isEqualTo("refund-" + charge.idempotencyKey());
    assertThat(refund.amount()).isEqualByComparingTo(paid.amount());
    assertThat(refund.transactionId()).isNotEqualTo(paid.transactionId());
    assertThat(db.ledger.latestRefundForSubscription(subscriptionId)).hasValueSatisfying(entry -> {
      assertThat(entry.kind()).isEqualTo("refund");
      assertThat(entry.gatewayReference()).isEqualTo(refund.transactionId());
      assertThat(entry.orderId()).isNull();
    });
    assertNetZeroInTheGatewaysBook(charge);
  }

  @Test
  void aChargeWhoseAnswerWasLostIsFoundInTheGatewaysBookRecordedAndRefunded() {
    SubscriptionCharge charge = charge(GOOD_CARD, 1);
    db.gateway.failTransiently(charge.idempotencyKey(), 1);
    catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(charge));
    assertThat(db.ledger.findByKey(charge.idempotencyKey())).isEmpty();

    SubscriptionRefund refund = activities.refund(charge, Instant.now().minusSeconds(60));

    assertThat(refund.amount()).isEqualByComparingTo("9.99");
    LedgerEntry found = db.ledger.findByKey(charge.idempotencyKey()).orElseThrow();
    assertThat(found.kind()).isEqualTo("charge");
    assertThat(found.subscriptionId()).isEqualTo(subscriptionId);
    assertThat(db.gateway.findCharge(new PaymentGateway.ChargeLookup(charge.idempotencyKey(), null,
        Instant.now().minusSeconds(60)))).hasValueSatisfying(booked ->
        assertThat(booked.reference()).isEqualTo(found.gatewayReference()));
    assertNetZeroInTheGatewaysBook(charge);
  }

  @Test
  void aRefundOfAChargeTheGatewayNeverTookRefundsNothing() {
    SubscriptionCharge declined = charge(DECLINED_CARD, 1);
    catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(declined));

    assertThat(activities.refund(declined, Instant.now().minusSeconds(60))).isNull();
    assertThat(activities.refund(charge(GOOD_CARD, 2), Instant.now().minusSeconds(60))).isNull();
    assertThat(db.ledger.latestForSubscription(subscriptionId, 10)).isEmpty();
    assertThat(db.ledger.latestRefundForSubscription(subscriptionId)).isEmpty();
  }

  @Test
  void aSubscriptionThatEndedIsNotChargedWhateverItsWorkflowAsks() {
    activities.saveDetails(subscriptionId, 1, new SubscriptionDetails(SubscriptionStatus.CANCELLED, plan, null, 0,
        null, null, 0, false, null, List.of(), null));
    SubscriptionCharge charge = charge(GOOD_CARD, 1);

    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(charge));

    assertThat(refused.getType()).isEqualTo("SUBSCRIPTION_ENDED");
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(db.gateway.findCharge(new PaymentGateway.ChargeLookup(charge.idempotencyKey(), null,
        Instant.now().minusSeconds(60)))).isEmpty();
    assertThat(db.ledger.latestForSubscription(subscriptionId, 10)).isEmpty();
  }

  @Test
  void theLatestChargesComeNewestFirst() {
    List<SubscriptionPayment> payments = List.of(activities.charge(charge(GOOD_CARD, 1)),
        activities.charge(charge(GOOD_CARD, 2)), activities.charge(charge(GOOD_CARD, 3)));

    assertThat(db.ledger.latestForSubscription(subscriptionId, 2)).extracting(LedgerEntry::gatewayReference)
        .containsExactly(payments.get(2).transactionId(), payments.get(1).transactionId());
  }

  @Test
  void savingTheDetailsWritesTheRowUnlessItHoldsTheSameOrALaterRevision() {
    Plan next = plan(BillingPeriod.YEARLY);
    Instant paidThrough = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
    SubscriptionDetails pastDue = new SubscriptionDetails(SubscriptionStatus.PAST_DUE, plan, next, 1, paidThrough,
        paidThrough.plus(1, ChronoUnit.DAYS), 1, false, "PAYMENT_FAILED: declined", List.of(), null);
    SubscriptionDetails older = new SubscriptionDetails(SubscriptionStatus.ACTIVE, plan, null, 0, null, null, 0,
        false, null, List.of(), null);

    activities.saveDetails(subscriptionId, 5, pastDue);
    activities.saveDetails(subscriptionId, 4, older);
    activities.saveDetails(subscriptionId, 5, older);

    Subscription saved = subscriptions.find(subscriptionId).orElseThrow();
    assertThat(saved.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    assertThat(saved.nextPlanId()).isEqualTo(next.id());
    assertThat(saved.periodsPaid()).isEqualTo(1);
    assertThat(saved.paidThrough()).isEqualTo(paidThrough);
    assertThat(saved.nextChargeAt()).isEqualTo(paidThrough.plus(1, ChronoUnit.DAYS));
    assertThat(saved.failedAttempts()).isEqualTo(1);
    assertThat(saved.lastFailure()).isEqualTo("PAYMENT_FAILED: declined");
    assertThat(saved.endedAt()).isNull();

    activities.saveDetails(subscriptionId, 6, new SubscriptionDetails(SubscriptionStatus.CANCELLED, next, null, 1,
        paidThrough, null, 0, false, null, List.of(), null));

    Subscription cancelled = subscriptions.find(subscriptionId).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelled.planId()).isEqualTo(next.id());
    assertThat(cancelled.nextChargeAt()).isNull();
    assertThat(cancelled.endedAt()).isNotNull();
  }

  @Test
  void aSuspensionCountsOnceWhenItsRowIsWrittenHoweverOftenItIsSaved() {
    SubscriptionDetails pastDue = new SubscriptionDetails(SubscriptionStatus.PAST_DUE, plan, null, 0, null,
        Instant.now(), 1, false, "PAYMENT_FAILED: declined", List.of(), null);
    SubscriptionDetails suspended = new SubscriptionDetails(SubscriptionStatus.SUSPENDED, plan, null, 0, null, null,
        4, false, "PAYMENT_FAILED: declined", List.of(), null);

    activities.saveDetails(subscriptionId, 1, pastDue);
    activities.saveDetails(subscriptionId, 2, suspended);
    activities.saveDetails(subscriptionId, 2, suspended);
    activities.saveDetails(subscriptionId, 3, suspended);

    assertThat(db.meters.counter(PaymentMetrics.SUBSCRIPTION_SUSPENSIONS).count()).isEqualTo(1);
  }

  @Test
  void savingTheDetailsOfAnUnknownSubscriptionFailsForGood() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.saveDetails(
        UUID.randomUUID(), 1, new SubscriptionDetails(SubscriptionStatus.ACTIVE, plan, null, 0, null, null, 0,
            false, null, List.of(), null)));

    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aSecondSubscriptionWithTheSameIdempotencyKeyIsRefused() {
    Subscription first = subscriptions.find(subscriptionId).orElseThrow();

    assertThat(subscriptions.findByIdempotencyKey(first.userId(), first.idempotencyKey())).contains(first);
    assertThat(catchThrowableOfType(DuplicateKeyException.class,
        () -> subscriptions.insert(row(UUID.randomUUID(), first.userId(), plan, first.idempotencyKey()))))
        .isNotNull();
    subscriptions.insert(row(UUID.randomUUID(), UUID.randomUUID(), plan, first.idempotencyKey()));
  }

  private void assertNetZeroInTheGatewaysBook(SubscriptionCharge charge) {
    assertThat(db.gateway.findCharge(new PaymentGateway.ChargeLookup(charge.idempotencyKey(), null,
        Instant.now().minusSeconds(60)))).hasValueSatisfying(booked ->
        assertThat(booked.refunded()).isEqualByComparingTo(booked.amount()));
  }

  private double charges(String outcome) {
    return db.meters.counter(PaymentMetrics.SUBSCRIPTION_CHARGES, "outcome", outcome).count();
  }

  private double attempts(String outcome) {
    return db.meters.counter(PaymentMetrics.CHARGE_ATTEMPTS, "gateway", "sandbox", "purpose", "subscription",
        "outcome", outcome).count();
  }

  private SubscriptionCharge charge(PaymentMethod method, int period) {
    return new SubscriptionCharge(subscriptionId, period,
        "subscription-" + subscriptionId + "-period-" + period + "-attempt-1", plan.amount(), plan.currency(), method);
  }

  /** A new plan of 9.99 USD per period. */
  private Plan plan(BillingPeriod period) {
    Plan plan = new Plan("plan-" + UUID.randomUUID(), "Test plan", new BigDecimal("9.99"), "USD", period);
    plans.insert(plan, Instant.now());
    return plan;
  }

  private UUID subscription(Plan plan) {
    UUID id = UUID.randomUUID();
    subscriptions.insert(row(id, UUID.randomUUID(), plan, "key-" + id));
    return id;
  }

  private static Subscription row(UUID id, UUID userId, Plan plan, String idempotencyKey) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return new Subscription(id, userId, plan.id(), null, SubscriptionStatus.ACTIVE, "card", "subscription-" + id,
        idempotencyKey, 0, null, now, 0, false, null, now, now, null);
  }
}
