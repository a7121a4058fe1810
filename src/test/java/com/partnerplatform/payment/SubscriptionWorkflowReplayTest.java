package com.partnerplatform.payment;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded histories of the subscription workflow. On the dev server (by SubscriptionApiIT against
 * PostgreSQL): paid then cancelled; declined then cancelled while past due; paused, resumed, plan
 * changed, cancelled at the end of the period and then at once; cancelled at once while the first
 * charge was in flight, which was refunded once it settled. Paths that take days, recorded on
 * the time-skipping test server (by SubscriptionWorkflowTest): suspended after the dunning retries,
 * expired at the end of the period, and a run continued from its predecessor's state that continues
 * as new in turn. A change that would break running subscriptions fails here; such a change needs
 * {@code Workflow.getVersion}.
 */
class SubscriptionWorkflowReplayTest {

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    // The payments queue's default activity options, which the workflow's stub relies on.
    worker = env.newWorker(PaymentWorkflowTest.PAYMENTS_QUEUE);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowTest.PAYMENT_OPTIONS, SubscriptionWorkflowImpl.class);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"paid-then-cancelled", "declined-then-cancelled", "paused-resumed-plan-changed-cancelled",
      "suspended", "expired", "continued-as-new", "cancelled-while-charging"})
  void replaysARecordedExecution(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("payment/subscription-" + history + "-history.json", worker);
  }
}
