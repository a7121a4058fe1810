package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.ApiException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Starts, steers and reads subscriptions. Each has one workflow for as long as it lives; while it
 * runs, its state comes from the workflow's query and changes go to it as updates, whose validators
 * decide what the state allows. Once it has ended, the subscriptions table has the last word.
 */
@Service
class SubscriptionService {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

  private final WorkflowClient client;
  private final SubscriptionStore subscriptions;
  private final PlanStore plans;
  private final PaymentLedger ledger;
  private final PaymentRules rules;
  private final SubscriptionStarter starter;
  private final Clock clock;

  SubscriptionService(WorkflowClient client, SubscriptionStore subscriptions, PlanStore plans, PaymentLedger ledger,
      PaymentRules rules, SubscriptionStarter starter, Clock clock) {
    this.client = client;
    this.subscriptions = subscriptions;
    this.plans = plans;
    this.ledger = ledger;
    this.rules = rules;
    this.starter = starter;
    this.clock = clock;
  }

  /**
   * Subscribes the caller to a plan and starts the subscription's workflow, which charges the
   * first period at once. A request with the Idempotency-Key of an earlier one of the caller's
   * answers with the subscription that one created.
   */
  Subscription subscribe(Caller caller, String planId, PaymentMethod method, String idempotencyKey) {
    if (!rules.acceptsMethod(method.type())) {
      throw ApiException.badRequest("UNSUPPORTED_PAYMENT_METHOD", rules.methodRule());
    }
    Plan plan = plan(planId);
    if (idempotencyKey != null) {
      Optional<Subscription> earlier = subscriptions.findByIdempotencyKey(caller.userId(), idempotencyKey);
      if (earlier.isPresent()) {
        return startedOnce(earlier.get(), method);
      }
    }
    Instant now = SqlTimestamps.now(clock);
    UUID id = UUID.randomUUID();
    Subscription subscription = new Subscription(id, caller.userId(), plan.id(), null, SubscriptionStatus.ACTIVE,
        method.type(), WorkflowIds.subscription(id), idempotencyKey, 0, null, now, 0, false, null, now, now, null);
    try {
      subscriptions.insert(subscription);
    } catch (DuplicateKeyException sameKeyAtOnce) {
      return startedOnce(subscriptions.findByIdempotencyKey(caller.userId(), idempotencyKey)
          .orElseThrow(() -> sameKeyAtOnce), method);
    }
    starter.start(subscription, plan, method);
    return subscription;
  }

  /** The subscription and its details, from its workflow while it runs, otherwise from the table. */
  Found details(Caller caller, UUID id) {
    Subscription subscription = visible(caller, id);
    if (!subscription.status().ended()) {
      try {
        return new Found(subscription, workflow(subscription).getDetails());
      } catch (WorkflowException e) {
        log.debug("No details from {}: {}", subscription.workflowId(), e.getMessage());
      }
    }
    return new Found(subscription, fromTable(subscription));
  }

  Found cancel(Caller caller, UUID id, boolean atPeriodEnd) {
    return change(caller, id, workflow -> workflow.cancel(atPeriodEnd));
  }

  Found pause(Caller caller, UUID id) {
    return change(caller, id, SubscriptionWorkflow::pause);
  }

  Found resume(Caller caller, UUID id) {
    return change(caller, id, SubscriptionWorkflow::resume);
  }

  Found changePlan(Caller caller, UUID id, String planId) {
    Plan plan = plan(planId);
    return change(caller, id, workflow -> workflow.changePlan(plan));
  }

  /** Sends an update to the subscription's workflow; a refusal of its validator becomes a 409. */
  private Found change(Caller caller, UUID id, Function<SubscriptionWorkflow, SubscriptionDetails> update) {
    Subscription subscription = visible(caller, id);
    if (subscription.status().ended()) {
      throw ended(subscription);
    }
    try {
      return new Found(subscription, update.apply(workflow(subscription)));
    } catch (WorkflowUpdateException e) {
      ApplicationFailure refusal = SubscriptionErrors.refusalIn(e).orElseThrow(() -> e);
      throw ApiException.conflict(refusal.getType(), refusal.getOriginalMessage());
    } catch (WorkflowNotFoundException | WorkflowServiceException e) {
      // The workflow ended meanwhile? Its last act was to save the final status.
      Subscription now = find(id);
      if (now.status().ended()) {
        throw ended(now);
      }
      throw e;
    }
  }

  /** The subscription if the caller subscribed or is an admin; others learn nothing of it. */
  private Subscription visible(Caller caller, UUID id) {
    Subscription subscription = find(id);
    if (!caller.admin() && !subscription.userId().equals(caller.userId())) {
      throw notFound(id);
    }
    return subscription;
  }

  private Subscription find(UUID id) {
    return subscriptions.find(id).orElseThrow(() -> notFound(id));
  }

  private Plan plan(String planId) {
    return plans.find(planId)
        .orElseThrow(() -> ApiException.badRequest("UNKNOWN_PLAN", "There is no plan " + planId + "."));
  }

  private SubscriptionDetails fromTable(Subscription subscription) {
    return new SubscriptionDetails(subscription.status(), plans.find(subscription.planId()).orElseThrow(),
        subscription.nextPlanId() == null ? null : plans.find(subscription.nextPlanId()).orElseThrow(),
        subscription.periodsPaid(), subscription.paidThrough(), subscription.nextChargeAt(),
        subscription.failedAttempts(), subscription.cancelAtPeriodEnd(), subscription.lastFailure(),
        ledger.latestForSubscription(subscription.id(), SubscriptionWorkflowImpl.LAST_PAYMENTS).stream()
            .map(SubscriptionPayment::of)
            .toList(),
        ledger.latestRefundForSubscription(subscription.id()).map(SubscriptionRefund::of).orElse(null));
  }

  /**
   * Starts the workflow of a subscription created by an earlier request, in case that request
   * failed before it could.
   */
  private Subscription startedOnce(Subscription earlier, PaymentMethod method) {
    starter.start(earlier, plans.find(earlier.planId()).orElseThrow(), method);
    return find(earlier.id());
  }

  private SubscriptionWorkflow workflow(Subscription subscription) {
    return client.newWorkflowStub(SubscriptionWorkflow.class, subscription.workflowId());
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("SUBSCRIPTION_NOT_FOUND", "There is no subscription " + id + ".");
  }

  private static ApiException ended(Subscription subscription) {
    return ApiException.conflict(SubscriptionErrors.ENDED,
        "The subscription is " + subscription.status().value() + ".");
  }

  /** A subscription with its details: the row says who and since when, the details where it stands. */
  record Found(Subscription subscription, SubscriptionDetails details) {}
}
