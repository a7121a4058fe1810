package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.temporal.ApplicationYaml;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restarting stopped subscription workflows, with the real subscription activities on the test
 * database and the sandbox gateway.
 */
class SubscriptionReconcilerTest {

  private static final TemporalSettings TEMPORAL = ApplicationYaml.withOverrides("""
      platform.temporal.task-queues:
        payments: %s
        users: %s
      """.formatted(PaymentWorkflowTest.PAYMENTS_QUEUE, PaymentWorkflowTest.USERS_QUEUE))
      .bind("platform.temporal", TemporalSettings.class).get();

  private final PaymentTestDatabase db = new PaymentTestDatabase();
  private final PlanStore plans = new PlanStore(db.jdbc);
  private final SubscriptionStore subscriptions = new SubscriptionStore(db.jdbc);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private SubscriptionStarter starter;
  private SubscriptionReconciler reconciler;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker payments = env.newWorker(PaymentWorkflowTest.PAYMENTS_QUEUE);
    payments.registerWorkflowImplementationTypes(PaymentWorkflowTest.PAYMENT_OPTIONS, SubscriptionWorkflowImpl.class);
    payments.registerActivitiesImplementations(
        new SubscriptionActivitiesImpl(subscriptions, db.ledger, db.gateway,
            db.deadline, db.settlement, db.metrics, Clock.systemUTC()));
    env.newWorker(PaymentWorkflowTest.USERS_QUEUE).registerWorkflowImplementationTypes(
        RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
    starter = new SubscriptionStarter(client, SubscriptionWorkflowTest.TERMS, TEMPORAL);
    reconciler = new SubscriptionReconciler(client, subscriptions, plans, db.ledger, starter, Clock.systemUTC());
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aTerminatedWorkflowOfAnActiveSubscriptionRunsAgainFromItsSavedStateWithoutChargingTwice() {
    Subscription subscription = subscribed();
    SubscriptionWorkflow first = client.newWorkflowStub(SubscriptionWorkflow.class, subscription.workflowId());
    awaitFirstPeriodPaid(subscription);
    client.newUntypedWorkflowStub(subscription.workflowId()).terminate("operator error");

    int restarted = reconciler.restartStopped();

    assertThat(restarted).isEqualTo(1);
    assertThat(status(subscription)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    SubscriptionDetails details = first.getDetails();
    assertThat(details.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(details.periodsPaid()).isEqualTo(1);
    assertThat(details.nextChargeAt()).isEqualTo(subscriptions.find(subscription.id()).orElseThrow().paidThrough());
    assertThat(db.ledger.latestForSubscription(subscription.id(), 10)).hasSize(1);
    assertThat(reconciler.restartStopped()).as("a running workflow is left alone").isZero();
  }

  @Test
  void anEndedSubscriptionIsNotRestartedAndIsNotLive() {
    Subscription subscription = subscribed();
    awaitFirstPeriodPaid(subscription);
    client.newWorkflowStub(SubscriptionWorkflow.class, subscription.workflowId()).cancel(false);
    client.newUntypedWorkflowStub(subscription.workflowId()).getResult(SubscriptionDetails.class);

    assertThat(reconciler.restartStopped()).isZero();
    assertThat(status(subscription)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(reconciler.isLive(subscription.id())).isFalse();
    assertThat(reconciler.isLive(UUID.randomUUID())).isFalse();
  }

  private Subscription subscribed() {
    Plan plan = new Plan("plan-" + UUID.randomUUID(), "Test plan", new BigDecimal("9.99"), "USD",
        BillingPeriod.MONTHLY);
    plans.insert(plan, Instant.now());
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Subscription subscription = new Subscription(id, UUID.randomUUID(), plan.id(), null, SubscriptionStatus.ACTIVE,
        "card", "subscription-" + id, null, 0, null, now, 0, false, null, now, now, null);
    subscriptions.insert(subscription);
    starter.start(subscription, plan, PaymentWorkflowTest.GOOD_CARD);
    assertThat(reconciler.isLive(id)).isTrue();
    return subscription;
  }

  /** The first charge is due at once; the row says so once the workflow saved it. */
  private void awaitFirstPeriodPaid(Subscription subscription) {
    for (int i = 0; i < 300 && subscriptions.find(subscription.id()).orElseThrow().periodsPaid() < 1; i++) {
      env.sleep(Duration.ofMillis(100));
    }
    assertThat(subscriptions.find(subscription.id()).orElseThrow().periodsPaid()).isEqualTo(1);
  }

  private WorkflowExecutionStatus status(Subscription subscription) {
    return client.newUntypedWorkflowStub(subscription.workflowId()).describe().getStatus();
  }
}
