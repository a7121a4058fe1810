package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the workflow of a live subscription again when it stopped. The payment method's token is
 * kept only in the workflow's input, so it is read from the last run's history; billing continues
 * from the state the workflow last saved in the subscriptions table.
 */
@Component
class SubscriptionReconciler implements SubscriptionMaintenance {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionReconciler.class);

  private final WorkflowClient client;
  private final SubscriptionStore subscriptions;
  private final PlanStore plans;
  private final PaymentLedger ledger;
  private final SubscriptionStarter starter;
  private final Clock clock;

  SubscriptionReconciler(WorkflowClient client, SubscriptionStore subscriptions, PlanStore plans,
      PaymentLedger ledger, SubscriptionStarter starter, Clock clock) {
    this.client = client;
    this.subscriptions = subscriptions;
    this.plans = plans;
    this.ledger = ledger;
    this.starter = starter;
    this.clock = clock;
  }

  @Override
  public int restartStopped() {
    int restarted = 0;
    for (Subscription subscription : subscriptions.notEnded()) {
      if (running(subscription.workflowId())) {
        continue;
      }
      Optional<SubscriptionRequest> last = lastInput(subscription.workflowId());
      if (last.isEmpty()) {
        // Never started (its request failed first): without the payment method it cannot bill.
        log.warn("Subscription {} is {} but has no workflow history; it cannot be restarted",
            subscription.id(), subscription.status().value());
        continue;
      }
      starter.restart(subscription, plans.find(subscription.planId()).orElseThrow(),
          last.get().paymentMethod(), state(subscription));
      log.info("Restarted the stopped workflow of subscription {} ({})", subscription.id(),
          subscription.status().value());
      restarted++;
    }
    return restarted;
  }

  @Override
  public boolean isLive(UUID subscriptionId) {
    return subscriptions.find(subscriptionId).map(subscription -> !subscription.status().ended()).orElse(false);
  }

  private boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private Optional<SubscriptionRequest> lastInput(String workflowId) {
    List<HistoryEvent> events;
    try {
      events = client.fetchHistory(workflowId).getEvents();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    if (events.isEmpty() || !events.get(0).hasWorkflowExecutionStartedEventAttributes()) {
      return Optional.empty();
    }
    Payloads input = events.get(0).getWorkflowExecutionStartedEventAttributes().getInput();
    return Optional.of(client.getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(input), SubscriptionRequest.class, SubscriptionRequest.class));
  }

  /**
   * Billing as the table has it: the next period starts where the paid one ends (now, when
   * nothing was paid yet), and a charge whose outcome the stopped run never learnt is repeated
   * with the key of its attempt, so the gateway answers it without charging twice.
   */
  private SubscriptionState state(Subscription subscription) {
    Instant dueAt = subscription.paidThrough() != null ? subscription.paidThrough() : SqlTimestamps.now(clock);
    return new SubscriptionState(plans.find(subscription.planId()).orElseThrow(),
        subscription.nextPlanId() == null ? null : plans.find(subscription.nextPlanId()).orElseThrow(),
        subscription.periodsPaid(), dueAt, dueAt, subscription.periodsPaid() + 1, subscription.failedAttempts(),
        subscription.failedAttempts() + 1, subscription.periodsPaid(), subscription.paidThrough(),
        subscription.status() == SubscriptionStatus.PAUSED, subscription.cancelAtPeriodEnd(),
        subscription.lastFailure(),
        ledger.latestForSubscription(subscription.id(), SubscriptionWorkflowImpl.LAST_PAYMENTS).stream()
            .map(SubscriptionPayment::of)
            .toList(),
        subscriptions.revision(subscription.id()));
  }
}
