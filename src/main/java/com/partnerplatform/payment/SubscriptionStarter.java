package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Starts a subscription's workflow: for a new subscription, and again for one whose workflow stopped. */
@Component
class SubscriptionStarter {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionStarter.class);

  private final WorkflowClient client;
  private final SubscriptionProperties terms;
  private final TemporalSettings temporal;

  SubscriptionStarter(WorkflowClient client, SubscriptionProperties terms, TemporalSettings temporal) {
    this.client = client;
    this.terms = terms;
    this.temporal = temporal;
  }

  /** The first run: one execution per subscription id, a second request finds the first. */
  void start(Subscription subscription, Plan plan, PaymentMethod method) {
    start(subscription, plan, method, null, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /**
   * A new run continuing from {@code state} after the previous run closed without ending the
   * subscription; a run that is still open is left alone.
   */
  void restart(Subscription subscription, Plan plan, PaymentMethod method, SubscriptionState state) {
    start(subscription, plan, method, state, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
  }

  private void start(Subscription subscription, Plan plan, PaymentMethod method, SubscriptionState state,
      WorkflowIdReusePolicy reuse) {
    SubscriptionWorkflow workflow = client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(subscription.workflowId())
        .setTaskQueue(temporal.taskQueue(DomainQueue.PAYMENTS))
        .setWorkflowIdReusePolicy(reuse)
        .build());
    try {
      WorkflowClient.start(workflow::run, new SubscriptionRequest(subscription.id(), subscription.userId(), plan,
          method, terms, temporal.taskQueue(DomainQueue.USERS), state));
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("Subscription {} runs already", subscription.workflowId());
    }
  }
}
