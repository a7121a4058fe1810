package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentTestDatabase.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga with its real activities, the sandbox gateway and the database; time is skipped. */
class PaymentSagaDatabaseTest {

  /**
   * A running activity stops time skipping, so an attempt that outlives its start-to-close does so
   * in real time: charges get a start-to-close of {@link #CHARGE_ATTEMPT}, and the gateway calls
   * the time they may take within it.
   */
  private static final Duration CHARGE_ATTEMPT = Duration.ofSeconds(3);
  private static final PaymentProperties PROPERTIES = new PaymentProperties(
      PaymentTestDatabase.PROPERTIES.maxInventoryReservationTime(), Duration.ofSeconds(1), Duration.ofSeconds(1),
      PaymentTestDatabase.PROPERTIES.currencies(), PaymentTestDatabase.PROPERTIES.methods(), "sandbox",
      PaymentTestDatabase.PROPERTIES.stripe(), PaymentTestDatabase.PROPERTIES.razorpay());

  private final SlowGateway slow = new SlowGateway();
  private final PaymentTestDatabase db = new PaymentTestDatabase(PROPERTIES, Clock.systemUTC(), slow::inFrontOf);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker payments = env.newWorker(PaymentWorkflowTest.PAYMENTS_QUEUE);
    Map<String, ActivityOptions> activityOptions = new HashMap<>(PaymentWorkflowTest.PAYMENT_OPTIONS.getActivityOptions());
    activityOptions.put("PaymentCharge", ActivityOptions.newBuilder(activityOptions.get("PaymentCharge"))
        .setStartToCloseTimeout(CHARGE_ATTEMPT)
        .build());
    payments.registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder(
        PaymentWorkflowTest.PAYMENT_OPTIONS).setActivityOptions(activityOptions).build(), PaymentWorkflowImpl.class);
    payments.registerActivitiesImplementations(db.activities);
    env.newWorker(PaymentWorkflowTest.USERS_QUEUE).registerWorkflowImplementationTypes(RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aGatewayThatFailsTransientlyTwiceThenSucceedsYieldsExactlyOneCharge() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));
    db.gateway.failTransiently("payment-" + order, 2);

    PaymentOutcome outcome = pay(order, PaymentWorkflowTest.GOOD_CARD);

    assertThat(db.ledger.forOrder(order)).singleElement().satisfies(charge -> {
      assertThat(charge.kind()).isEqualTo("charge");
      assertThat(charge.amount()).isEqualByComparingTo("20.00");
      assertThat(charge.gatewayReference()).isEqualTo(outcome.transactionId());
    });
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(db.find(order).transactionId()).isEqualTo(outcome.transactionId());
    assertThat(db.stock(sku)).isEqualTo(3);
    assertThat(db.reservationStatuses(order)).containsExactly("committed");
    assertThat(db.jdbc.sql("select count(*) from fulfilment_requests where order_id = :id").param("id", order)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aDeclinedOrderLeftAloneFailsWhenTheReservationEndsWithItsStockBackAndNoCharge() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));

    WorkflowFailedException failure = catchThrowableOfType(WorkflowFailedException.class,
        () -> pay(order, PaymentWorkflowTest.DECLINED_CARD));

    assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("PAYMENT_FAILED");
    Order failed = db.find(order);
    assertThat(failed.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(failed.failureCode()).isEqualTo("PAYMENT_FAILED");
    assertThat(failed.failureMessage()).contains("card_declined");
    assertThat(db.stock(sku)).isEqualTo(5);
    assertThat(db.reservationStatuses(order)).containsExactly("released");
    assertThat(db.ledger.forOrder(order)).isEmpty();
    client.newUntypedWorkflowStub("notification-" + failed.userId() + "-payment-" + order + "-failed")
        .getResult(NotificationResult.class);
    assertThat(RecordingNotificationWorkflow.where(request -> request.dedupKey().startsWith("payment-" + order + "-")))
        .extracting(sent -> sent.request().type()).containsExactly("payment_failed");
  }

  @Test
  void aChargeWhoseAnswerIsLostOnEveryAttemptFailsTheSagaAndIsRefundedFromTheGatewaysBook() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));
    db.gateway.failTransiently("payment-" + order, Integer.MAX_VALUE);

    WorkflowFailedException failure = catchThrowableOfType(WorkflowFailedException.class,
        () -> pay(order, PaymentWorkflowTest.GOOD_CARD));

    assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("GATEWAY_ERROR");
    assertThat(db.gatewayNet(order)).isEqualByComparingTo("0");
    assertThat(db.ledger.forOrder(order)).extracting(LedgerEntry::kind).containsExactly("charge", "refund");
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(db.stock(sku)).isEqualTo(5);
  }

  @Test
  void aGatewayThatAnswersAfterTheAttemptEndedChargesOnce() throws Exception {
    UUID order = db.order(item(db.product(5), 2));
    CountDownLatch answer = slow.holdNextChargeAnswer();
    WorkflowClient.start(workflow(order)::pay, request(order, PaymentWorkflowTest.GOOD_CARD));
    assertThat(slow.booked.await(10, TimeUnit.SECONDS)).isTrue();

    // The attempt times out while the gateway has booked the charge but not answered; the next one asks again.
    PaymentOutcome outcome = client.newUntypedWorkflowStub(WorkflowIds.payment(order)).getResult(PaymentOutcome.class);
    answer.countDown();
    assertThat(slow.held.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(db.gatewayNet(order)).isEqualByComparingTo("20.00");
    assertThat(db.ledger.forOrder(order)).singleElement()
        .extracting(LedgerEntry::gatewayReference).isEqualTo(outcome.transactionId());
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(slow.charges.get()).isEqualTo(2);
  }

  @Test
  void aGatewayThatAnswersAfterEveryAttemptEndedFailsTheSagaWhichRefundsTheChargeInItsBook() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));
    CountDownLatch answers = slow.holdEveryChargeAnswer();
    try {
      WorkflowFailedException failure = catchThrowableOfType(WorkflowFailedException.class,
          () -> pay(order, PaymentWorkflowTest.GOOD_CARD));

      assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("TIMEOUT");
    } finally {
      answers.countDown();
    }
    assertThat(slow.charges.get()).isEqualTo(5); // the aggressive retry policy's attempts, one key
    assertThat(db.gatewayNet(order)).isEqualByComparingTo("0");
    assertThat(db.ledger.forOrder(order)).extracting(LedgerEntry::kind).containsExactly("charge", "refund");
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(db.stock(sku)).isEqualTo(5);
  }

  private PaymentOutcome pay(UUID order, PaymentMethod method) {
    return workflow(order).pay(request(order, method));
  }

  private PaymentWorkflow workflow(UUID order) {
    return client.newWorkflowStub(PaymentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.payment(order))
        .setTaskQueue(PaymentWorkflowTest.PAYMENTS_QUEUE)
        .build());
  }

  private PaymentRequest request(UUID order, PaymentMethod method) {
    return new PaymentRequest(order, db.find(order).userId(), method, PaymentWorkflowTest.RESERVATION,
        PaymentWorkflowTest.USERS_QUEUE);
  }

  /** The sandbox, which can hold back its answer to a charge it booked, as a slow gateway does. */
  private static final class SlowGateway implements PaymentGateway {

    private PaymentGateway sandbox;
    private final AtomicReference<CountDownLatch> holdBack = new AtomicReference<>();
    private volatile boolean holdEvery;
    private final AtomicInteger charges = new AtomicInteger();
    private final CountDownLatch booked = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);

    PaymentGateway inFrontOf(PaymentGateway sandbox) {
      this.sandbox = sandbox;
      return this;
    }

    /** @return released by the test: then the next charge's caller gets its answer */
    CountDownLatch holdNextChargeAnswer() {
      CountDownLatch answer = new CountDownLatch(1);
      holdBack.set(answer);
      return answer;
    }

    /** @return released by the test: then the callers of every charge get their answers */
    CountDownLatch holdEveryChargeAnswer() {
      holdEvery = true;
      return holdNextChargeAnswer();
    }

    @Override
    public String name() {
      return sandbox.name();
    }

    @Override
    public GatewayResult charge(ChargeRequest request) {
      charges.incrementAndGet();
      GatewayResult result = sandbox.charge(request);
      CountDownLatch answer = holdEvery ? holdBack.get() : holdBack.getAndSet(null);
      if (answer != null) {
        booked.countDown();
        try {
          answer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        held.countDown();
      }
      return result;
    }

    @Override
    public GatewayResult refund(RefundRequest request) {
      return sandbox.refund(request);
    }

    @Override
    public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
      return sandbox.findCharge(lookup);
    }

    @Override
    public List<BookedCharge> chargesSince(Instant since) {
      return sandbox.chargesSince(since);
    }
  }
}
