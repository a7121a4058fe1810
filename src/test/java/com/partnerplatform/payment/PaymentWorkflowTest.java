package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.temporal.UpdateRefusals;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/** The saga's decisions, with mocked activities and skipped time. */
class PaymentWorkflowTest {

  static final String PAYMENTS_QUEUE = "payments-test";
  static final String USERS_QUEUE = "users-test";
  static final Duration RESERVATION = Duration.ofMinutes(10);
  static final PaymentMethod GOOD_CARD = new PaymentMethod("card", "4242424242424242");
  static final PaymentMethod DECLINED_CARD = new PaymentMethod("card", "4000000000000002");
  static final String DECLINE_MESSAGE = "Your card was declined. (card_declined)";
  private static final BigDecimal AMOUNT = new BigDecimal("42.50");

  /**
   * What the workers apply on the payments queue: the payment options (MEDIUM timeout, AGGRESSIVE
   * retries) of the configuration hierarchy in application.yml, and the gateway activities' own.
   */
  static final WorkflowImplementationOptions PAYMENT_OPTIONS = new ActivityOptionsCatalog(temporalSettings())
      .workflowOptions(DomainQueue.PAYMENTS.defaultActivityOptions(), PaymentConfiguration.GATEWAY_ACTIVITY_OPTIONS);

  private final PaymentActivities activities = mock(PaymentActivities.class, withSettings().withoutAnnotations());
  private final UUID orderId = UUID.randomUUID();
  private final UUID userId = UUID.randomUUID();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker payments = env.newWorker(PAYMENTS_QUEUE);
    payments.registerWorkflowImplementationTypes(PAYMENT_OPTIONS, PaymentWorkflowImpl.class, OrderRefundWorkflowImpl.class);
    payments.registerActivitiesImplementations(activities);
    env.newWorker(USERS_QUEUE).registerWorkflowImplementationTypes(RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
    when(activities.validate(eq(orderId), any())).thenReturn(new OrderSummary(orderId, userId, AMOUNT, "USD"));
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void paysReservesChargesOnceSendsTheReceiptAndRequestsFulfilment() {
    when(activities.charge(any())).thenReturn(new ChargeReceipt("ch_1"));
    PaymentWorkflow workflow = start(GOOD_CARD);

    PaymentOutcome outcome = result();

    assertThat(outcome).isEqualTo(new PaymentOutcome(orderId, "ch_1", 1));
    verify(activities).reserveInventory(orderId, RESERVATION);
    verify(activities).charge(new ChargeCommand(orderId, "payment-" + orderId, AMOUNT, "USD", GOOD_CARD, List.of()));
    verify(activities).markPaid(orderId, "ch_1");
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory", "PaymentCharge",
        "PaymentMarkPaid", "NotificationWorkflow", "PaymentRequestFulfilment");
    NotificationRequest receipt = notification("receipt");
    assertThat(receipt.type()).isEqualTo("payment_receipt");
    assertThat(receipt.userId()).isEqualTo(userId);
    assertThat(receipt.channels()).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.IN_APP);
    assertThat(receipt.urgent()).isTrue();
    assertThat(receipt.data()).containsEntry("transactionId", "ch_1").containsEntry("amount", "42.50");
    assertThat(workflow.getStatus()).isEqualTo(new PaymentStatus("completed", 1, null, null, "ch_1"));
  }

  @Test
  void aDeclineLeftAloneUntilTheReservationEndsIsCompensatedInReverseOrder() {
    when(activities.charge(any())).thenThrow(declined());
    start(DECLINED_CARD);
    long startedAt = env.currentTimeMillis();

    WorkflowFailedException failure = failure();

    assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("PAYMENT_FAILED");
    assertThat(env.currentTimeMillis() - startedAt).isGreaterThanOrEqualTo(RESERVATION.toMillis());
    verify(activities).awaitPaymentMethod(orderId, "PAYMENT_FAILED", DECLINE_MESSAGE);
    verify(activities).markPaymentFailed(eq(orderId), eq("PAYMENT_FAILED"), contains("no other payment method"));
    verify(activities, never()).markPaid(any(), any());
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory", "PaymentCharge",
        "PaymentAwaitPaymentMethod",
        "PaymentRefund", "PaymentReleaseInventory", "PaymentMarkPaymentFailed", "NotificationWorkflow");
    NotificationRequest failed = notification("failed");
    assertThat(failed.type()).isEqualTo("payment_failed");
    assertThat(failed.data()).containsEntry("code", "PAYMENT_FAILED");
  }

  @Test
  void anotherPaymentMethodSentInTimeIsChargedWithItsOwnIdempotencyKey() {
    when(activities.charge(any())).thenThrow(declined()).thenReturn(new ChargeReceipt("ch_2"));
    PaymentWorkflow workflow = start(DECLINED_CARD);
    PaymentStatus waiting = awaitStep(workflow, "awaiting_payment_method");
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastError()).isEqualTo("PAYMENT_FAILED: " + DECLINE_MESSAGE);
    assertThat(waiting.awaitingPaymentMethodUntil()).isNotNull();

    PaymentStatus taken = workflow.replacePaymentMethod(GOOD_CARD);

    assertThat(taken.step()).isEqualTo("validating");
    assertThat(taken.awaitingPaymentMethodUntil()).isNull();
    assertThat(result()).isEqualTo(new PaymentOutcome(orderId, "ch_2", 2));
    ArgumentCaptor<ChargeCommand> charges = ArgumentCaptor.forClass(ChargeCommand.class);
    verify(activities, times(2)).charge(charges.capture());
    assertThat(charges.getAllValues()).extracting(ChargeCommand::idempotencyKey)
        .containsExactly("payment-" + orderId, "payment-" + orderId + "-attempt-2");
    assertThat(charges.getAllValues()).extracting(ChargeCommand::paymentMethod)
        .containsExactly(DECLINED_CARD, GOOD_CARD);
    // Before charging under the second key, the gateway is asked what it took under the first.
    assertThat(charges.getAllValues()).extracting(ChargeCommand::earlierKeys)
        .containsExactly(List.of(), List.of("payment-" + orderId));
    verify(activities).validate(orderId, GOOD_CARD);
    verify(activities, never()).refund(any(), any());
    verify(activities, never()).releaseInventory(any());
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory", "PaymentCharge",
        "PaymentAwaitPaymentMethod", "PaymentValidate", "PaymentResumePayment", "PaymentCharge",
        "PaymentMarkPaid", "NotificationWorkflow", "PaymentRequestFulfilment");
  }

  @Test
  void theSignalOfEarlierReleasesStillHandsOverAPaymentMethod() {
    when(activities.charge(any())).thenThrow(declined()).thenReturn(new ChargeReceipt("ch_2"));
    PaymentWorkflow workflow = start(DECLINED_CARD);
    awaitStep(workflow, "awaiting_payment_method");

    workflow.retryPayment(GOOD_CARD);

    assertThat(result()).isEqualTo(new PaymentOutcome(orderId, "ch_2", 2));
  }

  @Test
  void aPaymentMethodIsRefusedWhileTheSagaDoesNotWaitForOneAndChangesNothing() throws Exception {
    CountDownLatch charging = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    doAnswer(invocation -> {
      charging.countDown();
      assertThat(proceed.await(10, TimeUnit.SECONDS)).isTrue();
      return new ChargeReceipt("ch_1");
    }).when(activities).charge(any());
    PaymentWorkflow workflow = start(GOOD_CARD);
    assertThat(charging.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(refusalOf(() -> workflow.replacePaymentMethod(DECLINED_CARD))).contains("charging");
    proceed.countDown();

    assertThat(result()).isEqualTo(new PaymentOutcome(orderId, "ch_1", 1));
    verify(activities).charge(any());
    // Once the saga has ended there is nothing to update (the API answers that with the same refusal).
    assertThat(catchThrowable(() -> workflow.replacePaymentMethod(GOOD_CARD)))
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aPaymentMethodSentAfterTheReservationRanOutIsRefused() throws Exception {
    CountDownLatch refunding = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    when(activities.charge(any())).thenThrow(declined());
    when(activities.refund(eq(orderId), any())).thenAnswer(invocation -> {
      refunding.countDown();
      assertThat(proceed.await(10, TimeUnit.SECONDS)).isTrue();
      return new RefundReceipt(BigDecimal.ZERO, List.of());
    });
    PaymentWorkflow workflow = start(DECLINED_CARD);
    awaitStep(workflow, "awaiting_payment_method");
    env.sleep(RESERVATION);
    assertThat(refunding.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(refusalOf(() -> workflow.replacePaymentMethod(GOOD_CARD))).contains("compensating");
    proceed.countDown();

    assertThat(((ApplicationFailure) failure().getCause()).getType()).isEqualTo("PAYMENT_FAILED");
    verify(activities).charge(any());
  }

  @Test
  void everyKeyTheSagaChargedUnderIsHandedToTheRefund() {
    when(activities.charge(any())).thenThrow(declined());
    PaymentWorkflow workflow = start(DECLINED_CARD);
    awaitStep(workflow, "awaiting_payment_method");
    workflow.replacePaymentMethod(DECLINED_CARD);

    assertThat(((ApplicationFailure) failure().getCause()).getType()).isEqualTo("PAYMENT_FAILED");
    verify(activities).refund(orderId, List.of("payment-" + orderId, "payment-" + orderId + "-attempt-2"));
  }

  @Test
  void anOrderCancelledBeforeItsSagaStartedEndsCancelledWithTheCancellationNotice() {
    when(activities.validate(orderId, GOOD_CARD)).thenThrow(
        ApplicationFailure.newNonRetryableFailure("Order " + orderId + " was cancelled.", "CANCELLED"));
    start(GOOD_CARD);

    assertThat(((ApplicationFailure) failure().getCause()).getType()).isEqualTo("CANCELLED");
    verify(activities).markCancelled(orderId);
    verify(activities, never()).markPaymentFailed(any(), any(), any());
    NotificationRequest notice = notification("failed");
    assertThat(notice.subject()).contains("cancelled");
    assertThat(notice.data()).containsEntry("code", "CANCELLED");
  }

  @Test
  void cancellingWhileWaitingForAPaymentMethodCompensatesAndCancelsTheOrder() {
    when(activities.charge(any())).thenThrow(declined());
    PaymentWorkflow workflow = start(DECLINED_CARD);
    awaitStep(workflow, "awaiting_payment_method");

    WorkflowStub.fromTyped(workflow).cancel();

    assertThat(failure().getCause()).isInstanceOf(CanceledFailure.class);
    verify(activities).markCancelled(orderId);
    verify(activities, never()).markPaymentFailed(any(), any(), any());
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory", "PaymentCharge",
        "PaymentAwaitPaymentMethod",
        "PaymentRefund", "PaymentReleaseInventory", "PaymentMarkCancelled", "NotificationWorkflow");
    assertThat(notification("failed").data()).containsEntry("code", "CANCELLED");
  }

  @Test
  void aCancelRequestedWhileStockIsReservedLetsTheReservationFinishThenReleasesIt() throws Exception {
    CountDownLatch reserving = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    doAnswer(invocation -> {
      reserving.countDown();
      assertThat(proceed.await(10, TimeUnit.SECONDS)).isTrue();
      return null;
    }).when(activities).reserveInventory(orderId, RESERVATION);
    PaymentWorkflow workflow = start(GOOD_CARD);
    assertThat(reserving.await(10, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();
    proceed.countDown();

    assertThat(failure().getCause()).isInstanceOf(CanceledFailure.class);
    verify(activities, never()).charge(any());
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory",
        "PaymentRefund", "PaymentReleaseInventory", "PaymentMarkCancelled", "NotificationWorkflow");
  }

  @Test
  void aCancelRequestedWhileChargingWaitsForTheChargeAndRefundsIt() throws Exception {
    CountDownLatch charging = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    doAnswer(invocation -> {
      charging.countDown();
      assertThat(proceed.await(10, TimeUnit.SECONDS)).isTrue();
      return new ChargeReceipt("ch_1");
    }).when(activities).charge(any());
    PaymentWorkflow workflow = start(GOOD_CARD);
    assertThat(charging.await(10, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();
    proceed.countDown();

    assertThat(failure().getCause()).isInstanceOf(CanceledFailure.class);
    verify(activities, never()).markPaid(any(), any());
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory", "PaymentCharge",
        "PaymentRefund", "PaymentReleaseInventory", "PaymentMarkCancelled", "NotificationWorkflow");
  }

  @Test
  void aGatewayThatFailsTransientlyTwiceIsRetriedWithTheSameKeyAndChargesOnce() {
    ApplicationFailure transientError = ApplicationFailure.newFailure("The gateway did not answer in time.", "GATEWAY_ERROR");
    when(activities.charge(any())).thenThrow(transientError).thenThrow(transientError)
        .thenReturn(new ChargeReceipt("ch_1"));
    start(GOOD_CARD);

    assertThat(result()).isEqualTo(new PaymentOutcome(orderId, "ch_1", 1));
    verify(activities, times(3)).charge(new ChargeCommand(orderId, "payment-" + orderId, AMOUNT, "USD", GOOD_CARD, List.of()));
    verify(activities).markPaid(orderId, "ch_1");
  }

  @Test
  void aGatewayThatStaysDownFailsThePaymentWithGatewayErrorAfterTheAggressiveRetryPolicy() {
    when(activities.charge(any()))
        .thenThrow(ApplicationFailure.newFailure("The gateway did not answer in time.", "GATEWAY_ERROR"));
    start(GOOD_CARD);

    WorkflowFailedException failure = failure();

    assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("GATEWAY_ERROR");
    verify(activities, times(5)).charge(any());
    verify(activities).markPaymentFailed(orderId, "GATEWAY_ERROR", "The gateway did not answer in time.");
    verify(activities).refund(orderId, List.of("payment-" + orderId));
  }

  @Test
  void missingStockFailsWithInventoryUnavailableWithoutCharging() {
    doAnswer(invocation -> {
      throw ApplicationFailure.newNonRetryableFailure("Not enough stock of SKU-1 for 1 unit(s)",
          "INVENTORY_UNAVAILABLE");
    }).when(activities).reserveInventory(orderId, RESERVATION);
    start(GOOD_CARD);

    WorkflowFailedException failure = failure();

    assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("INVENTORY_UNAVAILABLE");
    verify(activities, never()).charge(any());
    verify(activities).markPaymentFailed(orderId, "INVENTORY_UNAVAILABLE", "Not enough stock of SKU-1 for 1 unit(s)");
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentReserveInventory",
        "PaymentReleaseInventory", "PaymentMarkPaymentFailed", "NotificationWorkflow");
  }

  @Test
  void anInvalidPaymentFailsWithValidationErrorAndOnlySettlesTheOrder() {
    when(activities.validate(orderId, new PaymentMethod("cash", "x")))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("The payment method type must be one of card.",
            "VALIDATION_ERROR"));
    start(new PaymentMethod("cash", "x"));

    assertThat(((ApplicationFailure) failure().getCause()).getType()).isEqualTo("VALIDATION_ERROR");
    assertThat(scheduled()).containsExactly("PaymentValidate", "PaymentMarkPaymentFailed", "NotificationWorkflow");
  }

  @Test
  void aRefundReturnsTheMoneyThenTheStockThenMarksTheOrder() {
    RefundReceipt receipt = new RefundReceipt(AMOUNT, List.of("re_1"));
    when(activities.refund(orderId, List.of())).thenReturn(receipt);
    OrderRefundWorkflow workflow = client.newWorkflowStub(OrderRefundWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.refund(orderId)).setTaskQueue(PAYMENTS_QUEUE).build());

    assertThat(workflow.refund(orderId)).isEqualTo(receipt);
    assertThat(scheduled(WorkflowIds.refund(orderId)))
        .containsExactly("PaymentRefund", "PaymentReleaseInventory", "PaymentMarkRefunded");
  }

  static TemporalSettings temporalSettings() {
    MutablePropertySources sources = new MutablePropertySources();
    try {
      new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
          .forEach(sources::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
        .bind("platform.temporal", TemporalSettings.class)
        .get();
  }

  static ApplicationFailure declined() {
    return ApplicationFailure.newNonRetryableFailure(DECLINE_MESSAGE, "PAYMENT_FAILED", "card_declined");
  }

  private PaymentWorkflow start(PaymentMethod method) {
    PaymentWorkflow workflow = client.newWorkflowStub(PaymentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.payment(orderId))
        .setTaskQueue(PAYMENTS_QUEUE)
        .build());
    WorkflowClient.start(workflow::pay, new PaymentRequest(orderId, userId, method, RESERVATION, USERS_QUEUE));
    return workflow;
  }

  /** The message of the update's refusal, which must carry the PAYMENT_NOT_AWAITING_METHOD code. */
  private static String refusalOf(Runnable update) {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(refused).isNotNull();
    return UpdateRefusals.refusalIn(refused, Set.of("PAYMENT_NOT_AWAITING_METHOD")).orElseThrow().getOriginalMessage();
  }

  private PaymentOutcome result() {
    return client.newUntypedWorkflowStub(WorkflowIds.payment(orderId)).getResult(PaymentOutcome.class);
  }

  private WorkflowFailedException failure() {
    return catchThrowableOfType(WorkflowFailedException.class, this::result);
  }

  /** Polls the query; queries do not let the test server skip time. */
  private static PaymentStatus awaitStep(PaymentWorkflow workflow, String step) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    PaymentStatus status = workflow.getStatus();
    while (!status.step().equals(step) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      status = workflow.getStatus();
    }
    assertThat(status.step()).isEqualTo(step);
    return status;
  }

  /** The customer's notification of this order, once its workflow has run. */
  private NotificationRequest notification(String dedupSuffix) {
    String workflowId = "notification-" + userId + "-payment-" + orderId + "-" + dedupSuffix;
    client.newUntypedWorkflowStub(workflowId).getResult(NotificationResult.class);
    return RecordingNotificationWorkflow.sent(workflowId).orElseThrow().request();
  }

  private List<String> scheduled() {
    return scheduled(WorkflowIds.payment(orderId));
  }

  /** The activities and child workflows the workflow scheduled, in order. */
  private List<String> scheduled(String workflowId) {
    List<String> types = new ArrayList<>();
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        types.add(event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
        types.add(event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowType().getName());
      }
    }
    return types;
  }
}
