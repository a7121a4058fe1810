package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the delivery from the user's settings, waits out quiet hours unless the request is urgent,
 * then delivers on every planned channel at once. Each channel is its own activity with its own
 * retries (activity options come from the worker registration), and a channel that fails for good
 * is recorded as failed without touching the others.
 */
public class NotificationWorkflowImpl implements NotificationWorkflow {

  /** Being delivered (or retried). */
  static final String PENDING = "pending";
  /** Waiting for the end of the user's quiet hours. */
  static final String DELAYED = "delayed";

  /** Since this version the plan is read by a local activity. */
  static final String LOCAL_PLAN = "local-plan";

  private final DeliveryPlanActivity planning = Workflow.newActivityStub(DeliveryPlanActivity.class);
  // Reading the user's settings is one short query: as a local activity it is a marker in the first
  // workflow task, not a task of its own; every workflow that notifies someone pays for this step.
  private final DeliveryPlanActivity localPlanning = Workflow.newLocalActivityStub(DeliveryPlanActivity.class);
  private final EmailActivity email = Workflow.newActivityStub(EmailActivity.class);
  private final InAppActivity inApp = Workflow.newActivityStub(InAppActivity.class);
  private final WebhookActivity webhook = Workflow.newActivityStub(WebhookActivity.class);

  private final Map<NotificationChannel, ChannelOutcome> outcomes = new EnumMap<>(NotificationChannel.class);

  @Override
  public NotificationResult send(NotificationRequest request) {
    Delivery delivery = new Delivery(
        Workflow.getInfo().getWorkflowId(), Instant.ofEpochMilli(Workflow.currentTimeMillis()), request);
    DeliveryPlan plan = Workflow.getVersion(LOCAL_PLAN, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
        ? planning.planDelivery(request)
        : localPlanning.planDelivery(request);
    plan.skipped().forEach((channel, reason) -> outcomes.put(channel, ChannelOutcome.skipped(reason)));
    if (!request.urgent() && !plan.deliver().isEmpty()) {
      waitOutQuietHours(plan);
    }

    List<Promise<Void>> deliveries = new ArrayList<>();
    for (NotificationChannel channel : plan.deliver()) {
      outcomes.put(channel, new ChannelOutcome(PENDING, null));
      deliveries.add(deliver(channel, delivery).handle((ignored, failure) -> {
        outcomes.put(channel, failure == null ? ChannelOutcome.sent() : ChannelOutcome.failed(reason(failure)));
        return null;
      }));
    }
    Promise.allOf(deliveries).get();
    return getStatus();
  }

  @Override
  public NotificationResult getStatus() {
    return new NotificationResult(new EnumMap<>(outcomes));
  }

  private void waitOutQuietHours(DeliveryPlan plan) {
    if (plan.quietHours() == null) {
      return;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Optional<Instant> end = plan.quietHours().endIfInside(now);
    if (end.isPresent()) {
      String reason = "quiet hours until " + end.get();
      plan.deliver().forEach(channel -> outcomes.put(channel, new ChannelOutcome(DELAYED, reason)));
      Workflow.sleep(Duration.between(now, end.get()));
    }
  }

  private Promise<Void> deliver(NotificationChannel channel, Delivery delivery) {
    return switch (channel) {
      case EMAIL -> Async.procedure(email::sendEmail, delivery);
      case IN_APP -> Async.procedure(inApp::storeInApp, delivery);
      case WEBHOOK -> Async.procedure(webhook::postWebhook, delivery);
    };
  }

  /** The message of the last attempt's failure (an activity failure only says which activity). */
  static String reason(Throwable failure) {
    Throwable cause = failure instanceof ActivityFailure && failure.getCause() != null ? failure.getCause() : failure;
    String message = cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
