package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

/** Billing on durable timers, dunning, and the updates, with mocked activities and skipped time. */
// Each test skips months of time in seconds. Now and then the in-process test server's time
// skipping stalls and the test waits in real time: a known test-server bug with child workflows
// around continue-as-new (temporalio/sdk-java issues 1540, 2392, 2670, open as of SDK 1.38). The
// timeout turns that into a failure the build reruns once.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SubscriptionWorkflowTest {

  static final SubscriptionProperties TERMS = new SubscriptionProperties(Duration.ofDays(3),
      List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5)));
  static final Plan MONTHLY = new Plan("basic-monthly", "Basic", new BigDecimal("10.00"), "USD",
      BillingPeriod.MONTHLY);
  static final Plan YEARLY = new Plan("pro-yearly", "Pro", new BigDecimal("100.00"), "USD", BillingPeriod.YEARLY);
  static final Plan WEEKLY = new Plan("news-weekly", "News", new BigDecimal("2.50"), "EUR", BillingPeriod.WEEKLY);
  private static final PaymentMethod CARD = new PaymentMethod("card", "4242424242424242");
  /** Twelve periods take about 500 history events; without continue-as-new a year of weeks takes 2,000. */
  private static final int HISTORY_BOUND = 600;

  private final SubscriptionActivities activities =
      mock(SubscriptionActivities.class, withSettings().withoutAnnotations());
  private final UUID subscriptionId = UUID.randomUUID();
  private final UUID userId = UUID.randomUUID();
  private final String workflowId = "subscription-" + subscriptionId;
  /** Completed by a charge the test holds in flight. */
  private final CompletableFuture<Void> chargeStarted = new CompletableFuture<>();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private SubscriptionWorkflow workflow;
  private WorkflowExecution firstRun;
  private Instant start;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker payments = env.newWorker(PaymentWorkflowTest.PAYMENTS_QUEUE);
    payments.registerWorkflowImplementationTypes(PaymentWorkflowTest.PAYMENT_OPTIONS, SubscriptionWorkflowImpl.class);
    payments.registerActivitiesImplementations(activities);
    env.newWorker(PaymentWorkflowTest.USERS_QUEUE).registerWorkflowImplementationTypes(
        RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aMonthlySubscriptionOverTwelveMonthsChargesTwelveTimesWithTwelveReminders() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);

    sleepUntil(due(MONTHLY, 13).minus(Duration.ofDays(1)));

    List<SubscriptionCharge> charges = charges();
    assertThat(charges).extracting(SubscriptionCharge::idempotencyKey).containsExactlyElementsOf(
        IntStream.rangeClosed(1, 12).mapToObj(period -> workflowId + "-period-" + period + "-attempt-1").toList());
    assertThat(charges).allSatisfy(charge -> {
      assertThat(charge.amount()).isEqualByComparingTo("10.00");
      assertThat(charge.paymentMethod()).isEqualTo(CARD);
    });
    assertTimes(events("SubscriptionCharge"),
        IntStream.rangeClosed(1, 12).mapToObj(period -> due(MONTHLY, period)).toList());
    List<Event> reminders = notifications("reminder");
    assertTimes(reminders,
        IntStream.rangeClosed(2, 13).mapToObj(period -> due(MONTHLY, period).minus(Duration.ofDays(3))).toList());
    NotificationRequest lastReminder = notification(reminders.get(11));
    assertThat(lastReminder.type()).isEqualTo("subscription_reminder");
    assertThat(lastReminder.userId()).isEqualTo(userId);
    assertThat(lastReminder.data()).containsEntry("period", "13").containsEntry("amount", "10.00")
        .containsEntry("chargeAt", due(MONTHLY, 13).toString());
    assertThat(notifications("receipt")).hasSize(12);
    assertThat(notification(notifications("receipt").get(0)).type()).isEqualTo("subscription_receipt");

    SubscriptionDetails details = workflow.getDetails();
    assertThat(details.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(details.periodsPaid()).isEqualTo(12);
    assertThat(details.paidThrough()).isEqualTo(due(MONTHLY, 13));
    assertThat(details.nextChargeAt()).isEqualTo(due(MONTHLY, 13));
    assertThat(details.lastPayments()).hasSize(SubscriptionWorkflowImpl.LAST_PAYMENTS)
        .first().satisfies(payment -> assertThat(payment.idempotencyKey()).endsWith("-period-12-attempt-1"));
    assertThat(runs()).hasSize(2);
  }

  @Test
  void historyStaysBoundedBecauseTheWorkflowContinuesAsNewWithItsState() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(WEEKLY);

    sleepUntil(due(WEEKLY, 53).minus(Duration.ofDays(1)));

    assertThat(charges()).hasSize(52);
    assertThat(notifications("reminder")).hasSize(52);
    List<History> runs = runs();
    assertThat(runs).hasSize(5);
    assertThat(runs).allSatisfy(run -> assertThat(run.getEventsCount()).isLessThan(HISTORY_BOUND));
    assertThat(runs.subList(0, 4)).allSatisfy(run -> assertThat(last(run).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW));
    SubscriptionDetails details = workflow.getDetails();
    assertThat(details.periodsPaid()).isEqualTo(52);
    assertThat(details.nextChargeAt()).isEqualTo(due(WEEKLY, 53));
    assertThat(details.lastPayments()).extracting(SubscriptionPayment::idempotencyKey)
        .startsWith(workflowId + "-period-52-attempt-1", workflowId + "-period-51-attempt-1");
  }

  @Test
  void aDeclinedChargeIsRetriedAfterOneThreeAndFiveDaysThenTheSubscriptionIsSuspended() {
    when(activities.charge(any())).thenThrow(PaymentWorkflowTest.declined());
    subscribe(MONTHLY);

    sleepUntil(start.plus(Duration.ofHours(12)));
    SubscriptionDetails pastDue = workflow.getDetails();
    assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    assertThat(pastDue.failedAttempts()).isEqualTo(1);
    assertThat(pastDue.nextChargeAt()).isEqualTo(start.plus(Duration.ofDays(1)));
    assertThat(pastDue.lastFailure()).isEqualTo("PAYMENT_FAILED: " + PaymentWorkflowTest.DECLINE_MESSAGE);

    SubscriptionDetails suspended = result();

    assertThat(suspended.status()).isEqualTo(SubscriptionStatus.SUSPENDED);
    assertThat(suspended.failedAttempts()).isEqualTo(4);
    assertThat(suspended.nextChargeAt()).isNull();
    assertThat(suspended.periodsPaid()).isZero();
    assertTimes(events("SubscriptionCharge"), List.of(start, start.plus(Duration.ofDays(1)),
        start.plus(Duration.ofDays(3)), start.plus(Duration.ofDays(5))));
    assertThat(charges()).extracting(SubscriptionCharge::idempotencyKey).containsExactly(
        workflowId + "-period-1-attempt-1", workflowId + "-period-1-attempt-2",
        workflowId + "-period-1-attempt-3", workflowId + "-period-1-attempt-4");
    assertThat(notifications("failed")).hasSize(3)
        .allSatisfy(failed -> assertThat(notification(failed).type()).isEqualTo("subscription_payment_failed"));
    NotificationRequest notice = notification(notifications("suspended").get(0));
    assertThat(notice.type()).isEqualTo("subscription_suspended");
    assertThat(notice.urgent()).isTrue();
    assertThat(savedStatuses()).endsWith(SubscriptionStatus.SUSPENDED);
    assertThat(notifications("reminder")).isEmpty();
  }

  @Test
  void aRetryThatSucceedsMakesTheSubscriptionActiveWithoutShiftingItsBillingDays() {
    when(activities.charge(any())).thenThrow(PaymentWorkflowTest.declined())
        .thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);

    sleepUntil(start.plus(Duration.ofDays(2)));

    SubscriptionDetails details = workflow.getDetails();
    assertThat(details.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(details.failedAttempts()).isZero();
    assertThat(details.lastFailure()).isNull();
    assertThat(details.paidThrough()).isEqualTo(due(MONTHLY, 2));
    assertThat(details.nextChargeAt()).isEqualTo(due(MONTHLY, 2));
    assertThat(charges()).extracting(SubscriptionCharge::idempotencyKey)
        .containsExactly(workflowId + "-period-1-attempt-1", workflowId + "-period-1-attempt-2");
    assertThat(savedStatuses()).containsSubsequence(SubscriptionStatus.PAST_DUE, SubscriptionStatus.ACTIVE);
  }

  @Test
  void aChargeWhoseOutcomeIsUnknownIsRetriedWithTheSameKeySoItCannotChargeTwice() {
    ApplicationFailure noAnswer = ApplicationFailure.newFailure("The gateway did not answer in time.",
        "GATEWAY_ERROR");
    when(activities.charge(any())).thenThrow(noAnswer, noAnswer, noAnswer, noAnswer, noAnswer)
        .thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);

    sleepUntil(start.plus(Duration.ofDays(2)));

    // Five attempts under the payment retry policy, then the dunning retry a day later: one key.
    assertThat(charges()).hasSize(6).extracting(SubscriptionCharge::idempotencyKey)
        .containsOnly(workflowId + "-period-1-attempt-1");
    assertThat(workflow.getDetails().status()).isEqualTo(SubscriptionStatus.ACTIVE);
  }

  @Test
  void aPausedSubscriptionIsNotChargedAndResumingAfterTheDueDateChargesAtOnceAndStartsANewCycle() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    sleepUntil(start.plus(Duration.ofDays(10)));

    SubscriptionDetails paused = workflow.pause();

    assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
    assertThat(paused.nextChargeAt()).isNull();
    assertThat(refusal(SubscriptionWorkflow::pause)).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    assertThat(refusal(stub -> stub.cancel(true))).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    sleepUntil(start.plus(Duration.ofDays(75)));
    assertThat(charges()).hasSize(1);
    assertThat(notifications("reminder")).isEmpty();
    assertThat(savedStatuses()).endsWith(SubscriptionStatus.PAUSED);

    SubscriptionDetails resumed = workflow.resume();

    assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    Instant resumedAt = resumed.nextChargeAt();
    assertNear(resumedAt, now());
    sleepUntil(resumedAt.plus(Duration.ofDays(1)));
    assertThat(charges()).extracting(SubscriptionCharge::idempotencyKey)
        .containsExactly(workflowId + "-period-1-attempt-1", workflowId + "-period-2-attempt-1");
    assertNear(events("SubscriptionCharge").get(1).at(), resumedAt);
    SubscriptionDetails details = workflow.getDetails();
    assertThat(details.paidThrough()).isEqualTo(resumedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
    assertThat(details.nextChargeAt()).isEqualTo(details.paidThrough());
    assertThat(refusal(SubscriptionWorkflow::resume)).isEqualTo("SUBSCRIPTION_NOT_PAUSED");
  }

  @Test
  void resumingBeforeTheDueDateKeepsTheBillingDayAndSendsTheReminderItMissed() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    sleepUntil(start.plus(Duration.ofDays(10)));
    workflow.pause();
    sleepUntil(due(MONTHLY, 2).minus(Duration.ofDays(1)));
    assertThat(notifications("reminder")).isEmpty();

    Instant resumedAt = now();
    workflow.resume();
    sleepUntil(due(MONTHLY, 2).plus(Duration.ofHours(1)));

    assertTimes(notifications("reminder"), List.of(resumedAt));
    assertTimes(events("SubscriptionCharge"), List.of(start, due(MONTHLY, 2)));
  }

  @Test
  void cancellingNowBeforeTheRenewalEndsTheSubscriptionAtOnceAndChargesNothingMore() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    sleepUntil(due(MONTHLY, 2).minus(Duration.ofHours(1)));

    SubscriptionDetails cancelled = workflow.cancel(false);

    assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelled.refund()).isNull();
    assertThat(result().status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(charges()).hasSize(1);
    verify(activities, never()).refund(any(), any());
    assertThat(savedStatuses()).endsWith(SubscriptionStatus.CANCELLED);
    NotificationRequest notice = notification(notifications("cancelled").get(0));
    assertThat(notice.type()).isEqualTo("subscription_cancelled");
    assertThat(notice.data()).containsEntry("refunded", "false");
    assertThat(notice.message()).contains("will not be charged again").doesNotContain("refund");
  }

  @Test
  void cancellingNowWhileTheChargeIsInFlightTakesEffectOnceItSettledAndRefundsThatPeriodWithoutAReceipt()
      throws Exception {
    when(activities.refund(any(), any())).thenAnswer(invocation -> refunded(invocation.getArgument(0)));
    CompletableFuture<Void> settle = subscribeWithChargeInFlight(invocation -> paid(invocation.getArgument(0)));

    WorkflowUpdateHandle<SubscriptionDetails> cancel = acceptedUpdate("cancel", false);
    assertThat(cancel.getResultAsync()).isNotDone();
    settle.complete(null);
    SubscriptionDetails cancelled = cancel.getResult(30, TimeUnit.SECONDS);

    SubscriptionCharge charge = charges().get(0);
    assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelled.refund()).isEqualTo(refunded(charge));
    assertThat(cancelled.periodsPaid()).isZero();
    assertThat(cancelled.lastPayments()).containsExactly(paid(charge));
    assertThat(result()).isEqualTo(cancelled);
    assertThat(charges()).hasSize(1);
    // What the period's charge took went back, under the charge's own key: the gateway nets 0.
    verify(activities).refund(charge, start);
    assertThat(notifications("receipt")).isEmpty();
    NotificationRequest notice = notification(notifications("cancelled").get(0));
    assertThat(notice.data()).containsEntry("refunded", "true").containsEntry("refundTransactionId", "re_1")
        .containsEntry("refundAmount", "10.00");
    assertThat(notice.message()).contains("has been refunded");
    assertThat(savedStatuses()).endsWith(SubscriptionStatus.CANCELLED);
  }

  @Test
  void cancellingNowWhileAChargeWhoseAnswerGetsLostIsInFlightRefundsWhatTheGatewayTookAnyway() throws Exception {
    when(activities.refund(any(), any())).thenAnswer(invocation -> refunded(invocation.getArgument(0)));
    CompletableFuture<Void> settle = subscribeWithChargeInFlight(invocation -> {
      throw ApplicationFailure.newFailure("The gateway's answer was lost.", "GATEWAY_ERROR");
    });

    WorkflowUpdateHandle<SubscriptionDetails> cancel = acceptedUpdate("cancel", false);
    settle.complete(null);
    SubscriptionDetails ended = result();

    assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    // Every attempt of the payment retry policy ran under one key, whose charge the refund looked for.
    List<SubscriptionCharge> charges = charges();
    assertThat(charges).hasSize(5).extracting(SubscriptionCharge::idempotencyKey)
        .containsOnly(workflowId + "-period-1-attempt-1");
    assertThat(cancel.getResult(30, TimeUnit.SECONDS).refund()).isEqualTo(refunded(charges.get(0)));
    verify(activities).refund(charges.get(0), start);
    assertThat(notifications("failed")).isEmpty();
  }

  @Test
  void cancellingNowWhileADeclinedChargeIsInFlightEndsWithoutARefund() throws Exception {
    CompletableFuture<Void> settle = subscribeWithChargeInFlight(invocation -> {
      throw PaymentWorkflowTest.declined();
    });

    WorkflowUpdateHandle<SubscriptionDetails> cancel = acceptedUpdate("cancel", false);
    settle.complete(null);

    SubscriptionDetails cancelled = cancel.getResult(30, TimeUnit.SECONDS);
    assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelled.refund()).isNull();
    assertThat(result().status()).isEqualTo(SubscriptionStatus.CANCELLED);
    verify(activities, never()).refund(any(), any());
    assertThat(notifications("failed")).isEmpty();
    assertThat(notification(notifications("cancelled").get(0)).data()).containsEntry("refunded", "false");
  }

  @Test
  void pausingWhileTheChargeIsInFlightAppliesOnceThePeriodIsPaid() throws Exception {
    CompletableFuture<Void> settle = subscribeWithChargeInFlight(invocation -> paid(invocation.getArgument(0)));

    WorkflowUpdateHandle<SubscriptionDetails> pause = acceptedUpdate("pause");
    assertThat(pause.getResultAsync()).isNotDone();
    settle.complete(null);
    SubscriptionDetails paused = pause.getResult(30, TimeUnit.SECONDS);

    assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
    assertThat(paused.periodsPaid()).isEqualTo(1);
    assertThat(paused.paidThrough()).isEqualTo(due(MONTHLY, 2));
    assertThat(paused.nextChargeAt()).isNull();
    sleepUntil(due(MONTHLY, 3));
    assertThat(charges()).hasSize(1);
    assertThat(notifications("receipt")).hasSize(1);
    assertThat(workflow.getDetails().status()).isEqualTo(SubscriptionStatus.PAUSED);
  }

  @Test
  void aPauseWaitingForAChargeThatIsDeclinedIsRefusedBecauseTheSubscriptionIsPastDueThen() throws Exception {
    CompletableFuture<Void> settle = subscribeWithChargeInFlight(invocation -> {
      throw PaymentWorkflowTest.declined();
    });

    WorkflowUpdateHandle<SubscriptionDetails> pause = acceptedUpdate("pause");
    settle.complete(null);

    ExecutionException refused = catchThrowableOfType(ExecutionException.class,
        () -> pause.getResultAsync().get(30, TimeUnit.SECONDS));
    assertThat(SubscriptionErrors.refusalIn(refused).orElseThrow().getType()).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    SubscriptionDetails details = workflow.getDetails();
    assertThat(details.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    assertThat(details.nextChargeAt()).isEqualTo(start.plus(Duration.ofDays(1)));
  }

  @Test
  void cancellingAtPeriodEndKeepsItActiveWithoutRemindersUntilThePeriodEndsThenItExpires() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    sleepUntil(start.plus(Duration.ofDays(5)));

    SubscriptionDetails ending = workflow.cancel(true);

    assertThat(ending.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(ending.cancelAtPeriodEnd()).isTrue();
    assertThat(ending.nextChargeAt()).isNull();
    assertThat(ending.paidThrough()).isEqualTo(due(MONTHLY, 2));
    assertThat(refusal(SubscriptionWorkflow::pause)).isEqualTo("SUBSCRIPTION_CANCEL_PENDING");
    assertThat(refusal(stub -> stub.changePlan(YEARLY))).isEqualTo("SUBSCRIPTION_CANCEL_PENDING");
    assertThat(workflow.cancel(true).cancelAtPeriodEnd()).isTrue();

    SubscriptionDetails expired = result();

    assertThat(expired.status()).isEqualTo(SubscriptionStatus.EXPIRED);
    assertThat(now()).isAfterOrEqualTo(due(MONTHLY, 2));
    assertThat(charges()).hasSize(1);
    assertThat(notifications("reminder")).isEmpty();
    assertThat(savedStatuses()).endsWith(SubscriptionStatus.EXPIRED);
  }

  @Test
  void aNewPlanTakesEffectFromTheNextPeriodWithItsAmountAndBillingPeriod() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    sleepUntil(start.plus(Duration.ofDays(5)));

    SubscriptionDetails changed = workflow.changePlan(YEARLY);

    assertThat(changed.plan()).isEqualTo(MONTHLY);
    assertThat(changed.nextPlan()).isEqualTo(YEARLY);
    sleepUntil(due(MONTHLY, 2).plus(Duration.ofDays(1)));
    assertThat(notification(notifications("reminder").get(0)).data()).containsEntry("planId", "pro-yearly")
        .containsEntry("amount", "100.00");
    assertThat(charges()).extracting(SubscriptionCharge::amount).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("10.00"), new BigDecimal("100.00"));
    SubscriptionDetails details = workflow.getDetails();
    assertThat(details.plan()).isEqualTo(YEARLY);
    assertThat(details.nextPlan()).isNull();
    assertThat(details.paidThrough()).isEqualTo(due(MONTHLY, 2).atZone(ZoneOffset.UTC).plusYears(1).toInstant());
  }

  @Test
  void changingBackToTheCurrentPlanWithdrawsAChangeNotYetInEffect() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    workflow.changePlan(YEARLY);

    SubscriptionDetails withdrawn = workflow.changePlan(MONTHLY);

    assertThat(withdrawn.nextPlan()).isNull();
    sleepUntil(due(MONTHLY, 2).plus(Duration.ofDays(1)));
    assertThat(charges()).extracting(SubscriptionCharge::amount).allSatisfy(amount ->
        assertThat(amount).isEqualByComparingTo("10.00"));
  }

  @Test
  void aPastDueSubscriptionCanBeCancelledButNeitherPausedNorCancelledAtPeriodEnd() {
    when(activities.charge(any())).thenThrow(PaymentWorkflowTest.declined());
    subscribe(MONTHLY);
    sleepUntil(start.plus(Duration.ofHours(1)));

    assertThat(refusal(SubscriptionWorkflow::pause)).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    assertThat(refusal(stub -> stub.cancel(true))).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    workflow.cancel(false);
    assertThat(result().status()).isEqualTo(SubscriptionStatus.CANCELLED);
  }

  @Test
  void cancellingTheWorkflowFromOutsideRecordsTheSubscriptionAsCancelled() {
    when(activities.charge(any())).thenAnswer(invocation -> paid(invocation.getArgument(0)));
    subscribe(MONTHLY);
    sleepUntil(start.plus(Duration.ofDays(1)));

    WorkflowStub.fromTyped(workflow).cancel();

    assertThat(catchThrowableOfType(WorkflowFailedException.class, this::result).getCause())
        .isInstanceOf(CanceledFailure.class);
    assertThat(savedStatuses()).endsWith(SubscriptionStatus.CANCELLED);
  }

  // --- helpers

  /**
   * Subscribes with every charge held in flight until the returned future completes, then answering
   * as {@code outcome} does; returns once the first charge has started.
   */
  private CompletableFuture<Void> subscribeWithChargeInFlight(Answer<SubscriptionPayment> outcome) throws Exception {
    CompletableFuture<Void> settle = new CompletableFuture<>();
    when(activities.charge(any())).thenAnswer(invocation -> {
      chargeStarted.complete(null);
      settle.get(30, TimeUnit.SECONDS);
      return outcome.answer(invocation);
    });
    subscribe(MONTHLY);
    chargeStarted.get(30, TimeUnit.SECONDS);
    return settle;
  }

  private void subscribe(Plan plan) {
    workflow = client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(PaymentWorkflowTest.PAYMENTS_QUEUE)
        .build());
    firstRun = WorkflowClient.start(workflow::run, new SubscriptionRequest(subscriptionId, userId, plan, CARD, TERMS,
        PaymentWorkflowTest.USERS_QUEUE, null));
    // Workflow time is the time its first task started, in milliseconds. A query waits for that task.
    workflow.getDetails();
    HistoryEvent firstTask = client.fetchHistory(workflowId, firstRun.getRunId()).getHistory().getEventsList()
        .stream().filter(HistoryEvent::hasWorkflowTaskStartedEventAttributes).findFirst().orElseThrow();
    start = Instant.ofEpochMilli(at(firstTask).toEpochMilli());
  }

  private static SubscriptionPayment paid(SubscriptionCharge charge) {
    return new SubscriptionPayment("ch_" + charge.period(), charge.amount(), charge.currency(),
        charge.idempotencyKey(), Instant.EPOCH);
  }

  private static SubscriptionRefund refunded(SubscriptionCharge charge) {
    return new SubscriptionRefund("re_" + charge.period(), charge.amount(), charge.currency(),
        "refund-" + charge.idempotencyKey(), Instant.EPOCH);
  }

  /** Sends an update and returns once the workflow accepted it, before it completes. */
  private WorkflowUpdateHandle<SubscriptionDetails> acceptedUpdate(String name, Object... args) {
    return WorkflowStub.fromTyped(workflow).startUpdate(name, WorkflowUpdateStage.ACCEPTED,
        SubscriptionDetails.class, args);
  }

  /** The start of period {@code n} of a subscription on the plan since the start. */
  private Instant due(Plan plan, int period) {
    return plan.period().advance(start, period - 1L);
  }

  private void sleepUntil(Instant instant) {
    env.sleep(Duration.between(now(), instant));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private SubscriptionDetails result() {
    return client.newUntypedWorkflowStub(workflowId).getResult(SubscriptionDetails.class);
  }

  /** The code a validator refuses the update with. */
  private String refusal(Function<SubscriptionWorkflow, SubscriptionDetails> update) {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class,
        () -> update.apply(workflow));
    return SubscriptionErrors.refusalIn(refused).orElseThrow().getType();
  }

  private List<SubscriptionCharge> charges() {
    ArgumentCaptor<SubscriptionCharge> charges = ArgumentCaptor.forClass(SubscriptionCharge.class);
    verify(activities, atLeastOnce()).charge(charges.capture());
    return charges.getAllValues();
  }

  private List<SubscriptionStatus> savedStatuses() {
    ArgumentCaptor<SubscriptionDetails> saved = ArgumentCaptor.forClass(SubscriptionDetails.class);
    verify(activities, atLeastOnce()).saveDetails(eq(subscriptionId), anyLong(), saved.capture());
    return saved.getAllValues().stream().map(SubscriptionDetails::status).toList();
  }

  /** The histories of every run so far, following continue-as-new from the first. */
  private List<History> runs() {
    List<History> runs = new ArrayList<>();
    String runId = firstRun.getRunId();
    while (runId != null) {
      History history = client.fetchHistory(workflowId, runId).getHistory();
      runs.add(history);
      HistoryEvent last = last(history);
      runId = last.hasWorkflowExecutionContinuedAsNewEventAttributes()
          ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
          : null;
    }
    return runs;
  }

  /** When each activity of this type was scheduled, across runs. */
  private List<Event> events(String activityType) {
    List<Event> events = new ArrayList<>();
    runs().forEach(run -> run.getEventsList().stream()
        .filter(event -> event.hasActivityTaskScheduledEventAttributes()
            && event.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(activityType))
        // Retries of one activity are not scheduled again; each scheduling is one call.
        .forEach(event -> events.add(new Event(activityType, at(event)))));
    return events;
  }

  /** The notifications started whose dedup key ends with the suffix, across runs. */
  private List<Event> notifications(String suffix) {
    List<Event> started = new ArrayList<>();
    runs().forEach(run -> run.getEventsList().stream()
        .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
        .filter(event -> event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId()
            .endsWith("-" + suffix))
        .forEach(event -> started.add(new Event(
            event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId(), at(event)))));
    return started;
  }

  /**
   * What a notification child was asked to send (read from its history: waiting for its result
   * would let the test server skip time).
   */
  private NotificationRequest notification(Event started) {
    HistoryEvent first = client.fetchHistory(started.name()).getHistory().getEvents(0);
    return DefaultDataConverter.newDefaultInstance().fromPayloads(0,
        Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput()), NotificationRequest.class,
        NotificationRequest.class);
  }

  /** Events happen when due, give or take the moments the test server takes to process them. */
  private static void assertTimes(List<Event> events, List<Instant> expected) {
    assertThat(events).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertNear(events.get(i).at(), expected.get(i));
    }
  }

  private static void assertNear(Instant actual, Instant expected) {
    assertThat(actual).isBetween(expected.minusSeconds(1), expected.plusSeconds(30));
  }

  private static HistoryEvent last(History history) {
    return history.getEvents(history.getEventsCount() - 1);
  }

  private static Instant at(HistoryEvent event) {
    return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }

  /** Something that happened: an activity type or a child workflow id, and when. */
  private record Event(String name, Instant at) {}
}
