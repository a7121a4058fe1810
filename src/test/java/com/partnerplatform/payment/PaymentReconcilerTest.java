package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentTestDatabase.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.partnerplatform.payment.PaymentReconciliation.Difference;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.SandboxGateway;
import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against the sandbox's book on the test database. Everything here happens at a
 * random hour between a month and a year ago, so that the hour the reconciler looks back over holds
 * this run's charges only, also on a persistent database that keeps earlier runs' charges (CI's
 * PostgreSQL); the reconciler runs ten minutes after them, so that they are older than any attempt
 * of a gateway activity (five minutes).
 */
class PaymentReconcilerTest {

  private static final Clock EARLIER = Clock.offset(Clock.systemUTC(),
      Duration.ofDays(-30).minusHours(ThreadLocalRandom.current().nextLong(24 * 335)));
  private static final Clock RECONCILER = Clock.offset(EARLIER, Duration.ofMinutes(10));
  private static final PaymentMethod GOOD_CARD = new PaymentMethod("card", "4242424242424242");
  private static final BigDecimal AMOUNT = new BigDecimal("20.00");

  private final PaymentTestDatabase db = new PaymentTestDatabase(PaymentTestDatabase.PROPERTIES, EARLIER,
      UnaryOperator.identity());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final PaymentReconciler reconciler = new PaymentReconciler(db.gateway, db.ledger, db.settlement, db.orders,
      new SubscriptionStore(db.jdbc), new GatewayDeadline(PaymentTestDatabase.PROPERTIES, RECONCILER),
      new PaymentReconciliationProperties(Duration.ofHours(1)),
      new ActivityOptionsCatalog(PaymentWorkflowTest.temporalSettings()), meters, RECONCILER);

  @Test
  void recordsWhatTheLedgerLacksRefundsWhatOrdersDoNotKeepReportsTheRestAndThenFindsNothingToDo() {
    UUID failedWithLostAnswer = order();
    lostAnswer(failedWithLostAnswer);
    db.activities.markPaymentFailed(failedWithLostAnswer, "GATEWAY_ERROR", "The gateway did not answer in time.");
    UUID refundedAtOursOnly = order();
    paid(refundedAtOursOnly);
    db.activities.markRefunded(refundedAtOursOnly);
    UUID paid = order();
    String paidReference = paid(paid);
    UUID stillPaying = order();
    lostAnswer(stillPaying);
    UUID missingAtGateway = order();
    String missingReference = "sandbox_ch_missing_" + UUID.randomUUID();
    db.ledger.record(charge(missingAtGateway, missingReference, AMOUNT));
    UUID amountDiffers = order();
    String differingReference = db.gateway.charge(request("payment-" + amountDiffers, AMOUNT)).reference();
    db.ledger.record(charge(amountDiffers, differingReference, new BigDecimal("25.00")));
    String unknownReference = db.gateway.charge(request("manual-" + UUID.randomUUID(), AMOUNT)).reference();
    UUID young = order();
    SandboxGateway later = new SandboxGateway(db.jdbc, Clock.offset(RECONCILER, Duration.ofMinutes(-1)),
        PaymentTestDatabase.PROPERTIES, "", "", "");
    String youngReference = later.charge(request("payment-" + young, AMOUNT)).reference();

    PaymentReconciliation first = reconciler.reconcile();

    assertThat(first.differences()).extracting(Difference::reference)
        .doesNotContain(paidReference, youngReference);
    assertThat(differencesOf(first, failedWithLostAnswer))
        .containsExactly(tuple("unrecorded_charge", "recorded"), tuple("unrefunded_charge", "refunded"));
    assertThat(db.gatewayNet(failedWithLostAnswer)).isEqualByComparingTo("0");
    assertThat(db.ledger.forOrder(failedWithLostAnswer)).extracting(LedgerEntry::kind)
        .containsExactly("charge", "refund");
    assertThat(differencesOf(first, refundedAtOursOnly)).containsExactly(tuple("refund_mismatch", "refunded"));
    assertThat(db.gatewayNet(refundedAtOursOnly)).isEqualByComparingTo("0");
    // Its saga still waits for the charge's answer: recorded, and left to it.
    assertThat(differencesOf(first, stillPaying)).containsExactly(tuple("unrecorded_charge", "recorded"));
    assertThat(db.gatewayNet(stillPaying)).isEqualByComparingTo(AMOUNT);
    assertThat(db.ledger.forOrder(young)).isEmpty();
    assertThat(kindsOf(first, missingReference)).containsExactly("missing_at_gateway");
    assertThat(kindsOf(first, differingReference)).containsExactly("amount_mismatch");
    assertThat(kindsOf(first, unknownReference)).containsExactly("unknown_charge");
    assertThat(meters.counter(PaymentReconciler.DIFFERENCES_METRIC, "kind", "unrecorded_charge", "action", "recorded")
        .count()).isEqualTo(2);

    PaymentReconciliation second = reconciler.reconcile();

    assertThat(second.recorded()).isZero();
    assertThat(second.refunded()).isZero();
    assertThat(second.differences()).extracting(Difference::action).containsOnly("reported");
    assertThat(second.differences()).extracting(Difference::reference)
        .contains(missingReference, differingReference, unknownReference);
  }

  private UUID order() {
    return db.order(item(db.product(5), 2));
  }

  /** Charged at the gateway, whose answer was lost: in the gateway's book only. */
  private void lostAnswer(UUID order) {
    db.gateway.failTransiently("payment-" + order, 1);
    assertThat(catchThrowableOfType(ApplicationFailure.class, () -> db.activities.charge(
        new ChargeCommand(order, "payment-" + order, AMOUNT, "USD", GOOD_CARD, List.of()))).getType())
        .isEqualTo("GATEWAY_ERROR");
  }

  private String paid(UUID order) {
    db.activities.reserveInventory(order, Duration.ofMinutes(10));
    String reference = db.activities.charge(new ChargeCommand(order, "payment-" + order, AMOUNT, "USD", GOOD_CARD,
        List.of())).transactionId();
    db.activities.markPaid(order, reference);
    return reference;
  }

  private static PaymentGateway.ChargeRequest request(String key, BigDecimal amount) {
    return new PaymentGateway.ChargeRequest(key, amount, "USD", "card", GOOD_CARD.token(), "Reconciliation test");
  }

  private static LedgerEntry charge(UUID order, String reference, BigDecimal amount) {
    return new LedgerEntry(UUID.randomUUID(), order, null, LedgerEntry.CHARGE, amount, "USD", "sandbox", reference,
        "payment-" + order, "card", EARLIER.instant());
  }

  private static List<Tuple> differencesOf(PaymentReconciliation run, UUID order) {
    return run.differences().stream()
        .filter(difference -> difference.detail().contains(order.toString()))
        .map(difference -> tuple(difference.kind(), difference.action()))
        .toList();
  }

  private static List<String> kindsOf(PaymentReconciliation run, String reference) {
    return run.differences().stream()
        .filter(difference -> difference.reference().equals(reference))
        .map(Difference::kind)
        .toList();
  }
}
