package com.partnerplatform.payment;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories recorded on the dev server (by PaymentApiIT against PostgreSQL): paid at once, paid
 * with a second payment method after a decline (signalled, as earlier releases did, and as an
 * update), cancelled while waiting for one, failed for want of stock, and a refund. A change to the workflows that would break running executions fails here;
 * such a change needs {@code Workflow.getVersion}.
 */
class PaymentWorkflowReplayTest {

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    // The payments queue's default activity options, which the workflows' stubs rely on.
    worker = env.newWorker(PaymentWorkflowTest.PAYMENTS_QUEUE);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowTest.PAYMENT_OPTIONS,
        PaymentWorkflowImpl.class, OrderRefundWorkflowImpl.class);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"payment-paid", "payment-declined-then-paid", "payment-method-updated-then-paid",
      "payment-cancelled", "payment-inventory-unavailable", "refund"})
  void replaysARecordedExecution(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("payment/" + history + "-history.json", worker);
  }
}
