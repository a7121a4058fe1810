package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentTestDatabase.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Counter;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the payment activities and the order store count: each settled order once, whether its
 * activity is retried or another path moves it too, and every call of the gateway.
 */
class PaymentMetricsTest {

  private static final PaymentMethod GOOD_CARD = new PaymentMethod("card", "4242424242424242");
  private static final PaymentMethod DECLINED_CARD = new PaymentMethod("card", "4000000000000002");

  private final PaymentTestDatabase db = new PaymentTestDatabase();
  private final PaymentActivities activities = db.activities;

  @Test
  void aRetriedMarkPaidCountsOnePaidOrder() {
    UUID order = reservedOrder();

    activities.markPaid(order, "sandbox_ch_1");
    activities.markPaid(order, "sandbox_ch_1");

    assertThat(orders("paid")).isEqualTo(1);
  }

  @Test
  void aSagaThatFailedCountsOneFailedOrderAndOneCompensationByItsFailedStepHoweverOftenItsSettled() {
    UUID order = reservedOrder();

    activities.markPaymentFailed(order, PaymentErrors.INVENTORY_UNAVAILABLE, "Out of stock");
    activities.markPaymentFailed(order, PaymentErrors.INVENTORY_UNAVAILABLE, "Out of stock");
    activities.markCancelled(order);

    assertThat(orders("payment_failed")).isEqualTo(1);
    assertThat(orders("cancelled")).isZero();
    assertThat(compensations("reserve_inventory")).isEqualTo(1);
    assertThat(db.meters.find(PaymentMetrics.COMPENSATIONS).counters()).hasSize(1);
  }

  @Test
  void aCancelledSagaCountsACancelledOrderAndACompensationOfNoFailedStep() {
    UUID order = reservedOrder();

    activities.markCancelled(order);

    assertThat(orders("cancelled")).isEqualTo(1);
    assertThat(compensations("cancelled")).isEqualTo(1);
  }

  @Test
  void anOrderCancelledBeforeItsPaymentStartedCountsAsCancelledWithoutACompensation() {
    UUID order = db.order(item(db.product(5), 1));

    assertThat(db.orders.cancelUnpaid(order, Instant.now())).isTrue();
    assertThat(db.orders.cancelUnpaid(order, Instant.now())).isFalse();

    assertThat(orders("cancelled")).isEqualTo(1);
    assertThat(db.meters.find(PaymentMetrics.COMPENSATIONS).counters()).isEmpty();
  }

  @Test
  void aRefundOfAPaidOrderCountsOnceAndLeavesItsPaymentCounted() {
    UUID order = reservedOrder();
    activities.markPaid(order, "sandbox_ch_1");

    activities.markRefunded(order);
    activities.markRefunded(order);

    assertThat(orders("paid")).isEqualTo(1);
    assertThat(orders("refunded")).isEqualTo(1);
  }

  @Test
  void everyGatewayCallIsAnAttemptButAChargeTheLedgerAnswersIsNone() {
    UUID order = reservedOrder();
    ChargeCommand command = new ChargeCommand(order, "payment-" + order, new BigDecimal("20.00"), "USD", GOOD_CARD,
        List.of());
    db.gateway.failTransiently(command.idempotencyKey(), 1);

    catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(command));
    activities.charge(command);
    activities.charge(command);
    catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(new ChargeCommand(order,
        "payment-" + order + "-attempt-2", new BigDecimal("20.00"), "USD", DECLINED_CARD, List.of())));

    assertThat(attempts("error")).isEqualTo(1);
    assertThat(attempts("succeeded")).isEqualTo(1);
    assertThat(attempts("declined")).isEqualTo(1);
  }

  @Test
  void theFailedStepIsNamedByTheSagasFailureCode() {
    assertThat(PaymentMetrics.failedStep(PaymentErrors.VALIDATION_ERROR)).isEqualTo("validate");
    assertThat(PaymentMetrics.failedStep(PaymentErrors.PAYMENT_FAILED)).isEqualTo("charge");
    assertThat(PaymentMetrics.failedStep(PaymentErrors.GATEWAY_ERROR)).isEqualTo("charge");
    assertThat(PaymentMetrics.failedStep(PaymentErrors.TIMEOUT)).isEqualTo("unknown");
    assertThat(PaymentMetrics.failedStep(null)).isEqualTo("unknown");
  }

  private UUID reservedOrder() {
    UUID order = db.order(item(db.product(5), 2));
    activities.reserveInventory(order, Duration.ofMinutes(10));
    return order;
  }

  private double orders(String status) {
    return count(db.meters.find(PaymentMetrics.ORDERS).tag("status", status).counter());
  }

  private double compensations(String failedStep) {
    return count(db.meters.find(PaymentMetrics.COMPENSATIONS).tag("failed_step", failedStep).counter());
  }

  private double attempts(String outcome) {
    return count(db.meters.find(PaymentMetrics.CHARGE_ATTEMPTS)
        .tags("gateway", "sandbox", "purpose", "order", "outcome", outcome).counter());
  }

  private static double count(Counter counter) {
    return counter == null ? 0 : counter.count();
  }
}
