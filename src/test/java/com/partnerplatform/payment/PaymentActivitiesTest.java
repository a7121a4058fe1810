package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentTestDatabase.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The saga's activities against the database (H2, or PostgreSQL with PLATFORM_IT_DATABASE_URL). */
class PaymentActivitiesTest {

  private static final Duration HOLD = Duration.ofMinutes(10);
  private static final PaymentMethod GOOD_CARD = new PaymentMethod("card", "4242424242424242");

  private final PaymentTestDatabase db = new PaymentTestDatabase();
  private final PaymentActivities activities = db.activities;

  @Test
  void twentyConcurrentOrdersForFiveUnitsReserveExactlyFiveAndLeaveNoStock() throws Exception {
    String sku = db.product(5);
    List<UUID> orders = IntStream.range(0, 20).mapToObj(i -> db.order(item(sku, 1))).toList();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(20);
    List<Future<String>> outcomes = new ArrayList<>();
    try {
      for (UUID order : orders) {
        Callable<String> reserve = () -> {
          start.await();
          try {
            activities.reserveInventory(order, HOLD);
            return "reserved";
          } catch (ApplicationFailure failure) {
            return failure.getType() + (failure.isNonRetryable() ? "" : " (retryable)");
          }
        };
        outcomes.add(threads.submit(reserve));
      }
      start.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }

      assertThat(results).filteredOn("reserved"::equals).hasSize(5);
      assertThat(results).filteredOn("INVENTORY_UNAVAILABLE"::equals).hasSize(15);
    } finally {
      threads.shutdownNow();
    }
    assertThat(db.stock(sku)).isZero();
    assertThat(orders.stream().mapToInt(order -> db.reservationStatuses(order).size()).sum()).isEqualTo(5);
  }

  @Test
  void aReservationTakesEveryItemOrNone() {
    String plenty = db.product(10);
    String scarce = db.product(1);
    UUID order = db.order(item(plenty, 3), item(scarce, 2));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.reserveInventory(order, HOLD));

    assertThat(failure.getType()).isEqualTo("INVENTORY_UNAVAILABLE");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(scarce);
    assertThat(db.stock(plenty)).isEqualTo(10);
    assertThat(db.stock(scarce)).isEqualTo(1);
    assertThat(db.reservationStatuses(order)).isEmpty();
  }

  @Test
  void aRetriedReservationTakesTheStockOnceAndExpiresAfterTheHoldTime() {
    String sku = db.product(10);
    UUID order = db.order(item(sku, 3));
    Instant before = Instant.now();

    activities.reserveInventory(order, HOLD);
    activities.reserveInventory(order, HOLD);

    assertThat(db.stock(sku)).isEqualTo(7);
    assertThat(db.reservationStatuses(order)).containsExactly("held");
    Instant expiresAt = db.jdbc.sql("select expires_at from inventory_reservations where order_id = :id")
        .param("id", order)
        .query(OffsetDateTime.class)
        .single()
        .toInstant();
    assertThat(expiresAt).isBetween(before.plus(HOLD).minusSeconds(1), Instant.now().plus(HOLD));
  }

  @Test
  void releasingTwiceOrConcurrentlyPutsTheUnitsBackOnce() throws Exception {
    String sku = db.product(10);
    UUID order = db.order(item(sku, 4));
    activities.reserveInventory(order, HOLD);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> releases = IntStream.range(0, 4)
          .mapToObj(i -> threads.submit(() -> activities.releaseInventory(order), true))
          .toList();
      for (Future<Boolean> release : releases) {
        release.get();
      }
    } finally {
      threads.shutdownNow();
    }
    activities.releaseInventory(order);

    assertThat(db.stock(sku)).isEqualTo(10);
    assertThat(db.reservationStatuses(order)).containsExactly("released");
  }

  @Test
  void aChargeWhoseAnswersGetLostIsRetriedWithTheSameKeyAndChargedOnce() {
    UUID order = payableOrder();
    ChargeCommand command = new ChargeCommand(order, "payment-" + order, new BigDecimal("20.00"), "USD", GOOD_CARD, List.of());
    db.gateway.failTransiently(command.idempotencyKey(), 2);

    for (int attempt = 1; attempt <= 2; attempt++) {
      ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(command));
      assertThat(lost.getType()).isEqualTo("GATEWAY_ERROR");
      assertThat(lost.isNonRetryable()).isFalse();
    }
    ChargeReceipt receipt = activities.charge(command);

    assertThat(activities.charge(command)).isEqualTo(receipt);
    List<LedgerEntry> ledger = db.ledger.forOrder(order);
    assertThat(ledger).singleElement().satisfies(entry -> {
      assertThat(entry.kind()).isEqualTo("charge");
      assertThat(entry.amount()).isEqualByComparingTo("20.00");
      assertThat(entry.gateway()).isEqualTo("sandbox");
      assertThat(entry.gatewayReference()).isEqualTo(receipt.transactionId());
      assertThat(entry.idempotencyKey()).isEqualTo("payment-" + order);
      assertThat(entry.paymentMethod()).isEqualTo("card");
    });
    assertThat(db.jdbc.sql("select count(*) from sandbox_gateway_requests where idempotency_key = :key")
        .param("key", command.idempotencyKey()).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aChargeWhoseAnswerWasLostOnEveryAttemptIsFoundInTheGatewaysBookRecordedAndRefundedOnce() {
    UUID order = payableOrder();
    ChargeCommand command = new ChargeCommand(order, "payment-" + order, new BigDecimal("20.00"), "USD", GOOD_CARD,
        List.of());
    db.gateway.failTransiently(command.idempotencyKey(), 1);
    assertThat(catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(command)).getType())
        .isEqualTo("GATEWAY_ERROR");
    assertThat(db.ledger.forOrder(order)).isEmpty();
    assertThat(db.gatewayNet(order)).isEqualByComparingTo("20.00");

    RefundReceipt refunded = activities.refund(order, List.of(command.idempotencyKey()));

    assertThat(activities.refund(order, List.of(command.idempotencyKey()))).isEqualTo(refunded);
    assertThat(refunded.amount()).isEqualByComparingTo("20.00");
    assertThat(db.ledger.forOrder(order)).extracting(LedgerEntry::kind, LedgerEntry::idempotencyKey)
        .containsExactly(tuple("charge", "payment-" + order), tuple("refund", "refund-payment-" + order));
    assertThat(db.gatewayNet(order)).isEqualByComparingTo("0");
  }

  @Test
  void aNewKeyIsNotChargedWhenTheGatewayTookTheMoneyUnderAnEarlierKeyWhoseAnswerWasLost() {
    UUID order = payableOrder();
    String firstKey = "payment-" + order;
    db.gateway.failTransiently(firstKey, 1);
    catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(
        new ChargeCommand(order, firstKey, new BigDecimal("20.00"), "USD", GOOD_CARD, List.of())));

    ChargeReceipt receipt = activities.charge(new ChargeCommand(order, firstKey + "-attempt-2",
        new BigDecimal("20.00"), "USD", GOOD_CARD, List.of(firstKey)));

    assertThat(db.ledger.forOrder(order)).singleElement().satisfies(charge -> {
      assertThat(charge.idempotencyKey()).isEqualTo(firstKey);
      assertThat(charge.gatewayReference()).isEqualTo(receipt.transactionId());
    });
    assertThat(db.gatewayNet(order)).isEqualByComparingTo("20.00");
  }

  @Test
  void keysThatTheGatewayAnswersWithOneChargeAreRecordedAndRefundedOnce() {
    UUID order = payableOrder();
    String firstKey = "payment-" + order;
    BookedCharge payment = new BookedCharge(null, "pay_" + UUID.randomUUID(), new BigDecimal("20.00"), "USD",
        BigDecimal.ZERO, Instant.now());
    // As Razorpay: every key of the order is answered with the order's captured payment.
    OneChargeGateway razorpayLike = new OneChargeGateway(payment);
    ChargeSettlement settlement = new ChargeSettlement(db.ledger, razorpayLike,
        new GatewayDeadline(PaymentTestDatabase.PROPERTIES, Clock.systemUTC()), Clock.systemUTC());

    List<LedgerEntry> charges = settlement.charges(db.find(order), List.of(firstKey, firstKey + "-attempt-2"), null);
    charges.forEach(settlement::refund);
    settlement.charges(db.find(order), List.of(firstKey, firstKey + "-attempt-2"), null).forEach(settlement::refund);

    assertThat(charges).singleElement().extracting(LedgerEntry::gatewayReference).isEqualTo(payment.reference());
    assertThat(db.ledger.forOrder(order)).extracting(LedgerEntry::kind, LedgerEntry::idempotencyKey)
        .containsExactly(tuple("charge", firstKey), tuple("refund", "refund-" + firstKey));
    assertThat(razorpayLike.refunds).containsExactly(payment.reference());
  }

  @Test
  void declinedCardsFailWithPaymentFailedAndTheirReasonAndChargeNothing() {
    UUID order = payableOrder();

    ApplicationFailure declined = chargeFailure(order, "4000000000000002");
    ApplicationFailure broke = chargeFailure(order, "4000 0000 0000 9995");

    assertThat(declined.getType()).isEqualTo("PAYMENT_FAILED");
    assertThat(declined.isNonRetryable()).isTrue();
    assertThat(declined.getDetails().get(String.class)).isEqualTo("card_declined");
    assertThat(broke.getType()).isEqualTo("PAYMENT_FAILED");
    assertThat(broke.getOriginalMessage()).contains("insufficient funds").contains("insufficient_funds");
    assertThat(db.ledger.forOrder(order)).isEmpty();
  }

  @Test
  void aProcessingErrorIsRetryableAndLeavesNoTrace() {
    UUID order = payableOrder();

    ApplicationFailure failure = chargeFailure(order, "4000000000000119");

    assertThat(failure.getType()).isEqualTo("GATEWAY_ERROR");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(db.ledger.forOrder(order)).isEmpty();
  }

  @Test
  void aPaidOrderSellsItsReservationAndARefundReturnsMoneyAndStockOnce() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));
    activities.reserveInventory(order, HOLD);
    ChargeReceipt receipt = activities.charge(new ChargeCommand(order, "payment-" + order, new BigDecimal("20.00"),
        "USD", GOOD_CARD, List.of()));
    activities.markPaid(order, receipt.transactionId());
    activities.markPaid(order, receipt.transactionId());
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(db.find(order).transactionId()).isEqualTo(receipt.transactionId());
    assertThat(db.reservationStatuses(order)).containsExactly("committed");

    RefundReceipt refunded = activities.refund(order, List.of());
    assertThat(activities.refund(order, List.of())).isEqualTo(refunded);
    activities.releaseInventory(order);
    activities.markRefunded(order);
    activities.markRefunded(order);

    assertThat(refunded.amount()).isEqualByComparingTo("20.00");
    assertThat(refunded.references()).singleElement().asString().startsWith("sandbox_re_");
    assertThat(db.ledger.forOrder(order)).extracting(LedgerEntry::kind).containsExactly("charge", "refund");
    assertThat(db.ledger.forOrder(order).get(1).idempotencyKey()).isEqualTo("refund-payment-" + order);
    assertThat(db.stock(sku)).isEqualTo(5);
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void refundingAnOrderThatWasNeverChargedRefundsNothing() {
    UUID order = payableOrder();

    RefundReceipt receipt = activities.refund(order, List.of());

    assertThat(receipt.amount()).isEqualByComparingTo("0");
    assertThat(receipt.references()).isEmpty();
    assertThat(db.ledger.forOrder(order)).isEmpty();
  }

  @Test
  void anOrderSettledAsCancelledIsNeitherPaidNorMovedAgain() {
    UUID order = payableOrder();
    activities.markCancelled(order);

    ApplicationFailure paid = catchThrowableOfType(ApplicationFailure.class, () -> activities.markPaid(order, "ch_1"));
    activities.markPaymentFailed(order, "PAYMENT_FAILED", "late");

    assertThat(paid.getType()).isEqualTo("VALIDATION_ERROR");
    assertThat(paid.isNonRetryable()).isTrue();
    Order cancelled = db.find(order);
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.failureCode()).isEqualTo("CANCELLED");
  }

  @Test
  void validationAppliesTheSeedRulesAndReturnsTheOrder() {
    UUID order = payableOrder();

    OrderSummary summary = activities.validate(order, GOOD_CARD);
    ApplicationFailure badMethod = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.validate(order, new PaymentMethod("cash", "x")));
    ApplicationFailure unknownOrder = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.validate(UUID.randomUUID(), GOOD_CARD));

    assertThat(summary.amount()).isEqualByComparingTo("20.00");
    assertThat(summary.currency()).isEqualTo("USD");
    assertThat(summary.userId()).isEqualTo(db.find(order).userId());
    assertThat(badMethod.getType()).isEqualTo("VALIDATION_ERROR");
    assertThat(badMethod.getOriginalMessage()).contains("card, upi, wallet, bank_transfer");
    assertThat(unknownOrder.getType()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void aDeclineMovesTheOrderToAwaitingAPaymentMethodAndANewMethodBackToPending() {
    UUID order = payableOrder();

    activities.awaitPaymentMethod(order, "PAYMENT_FAILED", "Your card was declined.");
    Order awaiting = db.find(order);
    activities.resumePayment(order);

    assertThat(awaiting.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT_METHOD);
    assertThat(awaiting.failureMessage()).isEqualTo("Your card was declined.");
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(db.find(order).failureCode()).isNull();
  }

  @Test
  void aPaidOrderGetsOneFulfilmentRequestAndOneOutboundEvent() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 1));
    activities.reserveInventory(order, HOLD);
    activities.markPaid(order, "ch_test");

    activities.requestFulfilment(order);
    activities.requestFulfilment(order);

    assertThat(db.jdbc.sql("select status from fulfilment_requests where order_id = :id").param("id", order)
        .query(String.class).list()).containsExactly("requested");
    List<String> payloads = db.jdbc.sql("select payload from outbound_events "
            + "where event_type = 'order.fulfilment_requested' and aggregate_id = :id")
        .param("id", order.toString())
        .query(String.class)
        .list();
    assertThat(payloads).singleElement().asString().contains(sku).contains("ch_test");
  }

  @Test
  void anUnpaidOrderGetsNoFulfilmentRequest() {
    UUID order = payableOrder();

    activities.requestFulfilment(order);

    assertThat(db.jdbc.sql("select count(*) from fulfilment_requests where order_id = :id").param("id", order)
        .query(Long.class).single()).isZero();
  }

  /** A gateway whose book holds one charge, which answers every lookup; it records the refunds asked for. */
  private static final class OneChargeGateway implements PaymentGateway {

    private final BookedCharge charge;
    private final List<String> refunds = new ArrayList<>();

    OneChargeGateway(BookedCharge charge) {
      this.charge = charge;
    }

    @Override
    public String name() {
      return "one-charge";
    }

    @Override
    public GatewayResult charge(ChargeRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GatewayResult refund(RefundRequest request) {
      refunds.add(request.chargeReference());
      return new GatewayResult("rfnd_" + refunds.size());
    }

    @Override
    public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
      return Optional.of(charge);
    }

    @Override
    public List<BookedCharge> chargesSince(Instant since) {
      return List.of(charge);
    }
  }

  private UUID payableOrder() {
    return db.order(item(db.product(5), 2));
  }

  private ApplicationFailure chargeFailure(UUID order, String card) {
    ChargeCommand command = new ChargeCommand(order, "payment-" + order + "-" + UUID.randomUUID(),
        new BigDecimal("20.00"), "USD", new PaymentMethod("card", card), List.of());
    return catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(command));
  }
}
