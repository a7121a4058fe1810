package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReminderStore.Reminder;
import com.partnerplatform.payment.SubscriptionMaintenance;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.platform.web.PageView;
import com.partnerplatform.user.NotificationChannel;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Sets, lists and cancels reminders; each waits in its own workflow. */
@Service
class ReminderService {

  /** The furthest ahead a reminder can be set. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);
  static final int MAX_PAGE_SIZE = 100;

  private final WorkflowClient client;
  private final ReminderStore reminders;
  private final SubscriptionMaintenance subscriptions;
  private final TemporalSettings temporal;
  private final Clock clock;

  ReminderService(WorkflowClient client, ReminderStore reminders, SubscriptionMaintenance subscriptions,
      TemporalSettings temporal, Clock clock) {
    this.client = client;
    this.reminders = reminders;
    this.subscriptions = subscriptions;
    this.temporal = temporal;
    this.clock = clock;
  }

  /** A user sets reminders for themself; an admin for anyone. */
  Reminder create(Caller caller, String type, String message, Instant remindAt, Set<NotificationChannel> channels,
      UUID userId, UUID subscriptionId) {
    UUID recipient = userId == null ? caller.userId() : userId;
    if (!recipient.equals(caller.userId()) && !caller.admin()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Only an admin sets reminders for other users.");
    }
    ReminderType reminderType = ReminderType.fromKey(type).orElseThrow(() -> ApiException.badRequest(
        "UNKNOWN_REMINDER_TYPE", "type must be general or payment; got '" + type + "'."));
    Instant now = SqlTimestamps.now(clock);
    if (!remindAt.isAfter(now) || remindAt.isAfter(now.plus(MAX_AHEAD))) {
      throw ApiException.badRequest("INVALID_REMIND_AT",
          "remindAt must be in the future, at most " + MAX_AHEAD.toDays() + " days ahead.");
    }
    if (reminderType == ReminderType.PAYMENT) {
      if (subscriptionId == null) {
        throw ApiException.badRequest("SUBSCRIPTION_REQUIRED", "A payment reminder names its subscriptionId.");
      }
      if (!subscriptions.isLive(subscriptionId)) {
        throw ApiException.badRequest("SUBSCRIPTION_NOT_LIVE",
            "There is no live subscription " + subscriptionId + " to be reminded of.");
      }
    }
    Set<NotificationChannel> asked = channels == null ? Set.of() : Set.copyOf(channels);
    Reminder reminder = new Reminder(UUID.randomUUID(), recipient, caller.userId(), reminderType, message,
        remindAt.truncatedTo(ChronoUnit.MICROS), asked,
        reminderType == ReminderType.PAYMENT ? subscriptionId : null, ReminderStatus.SCHEDULED, null, now, now);
    reminders.insert(reminder);
    ReminderWorkflow workflow = client.newWorkflowStub(ReminderWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(reminder.workflowId())
        .setTaskQueue(temporal.taskQueue(DomainQueue.ANALYTICS))
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    WorkflowClient.start(workflow::run, new ReminderRequest(reminder.id(), recipient, reminderType, message,
        reminder.remindAt(), asked, reminder.subscriptionId(), temporal.taskQueue(DomainQueue.USERS)));
    return reminder;
  }

  /** The caller's reminders; an admin's list has everyone's. */
  PageView<Reminder> page(Caller caller, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw ApiException.badRequest("INVALID_PAGE", "page must be at least 0 and size between 1 and "
          + MAX_PAGE_SIZE + ".");
    }
    UUID userId = caller.admin() ? null : caller.userId();
    return new PageView<>(reminders.page(userId, page, size), page, size, reminders.count(userId));
  }

  /** Cancels a scheduled reminder: its workflow ends without sending. */
  Reminder cancel(Caller caller, UUID id) {
    Reminder reminder = reminders.find(id)
        .filter(found -> caller.admin() || found.userId().equals(caller.userId()))
        .orElseThrow(() -> ApiException.notFound("REMINDER_NOT_FOUND", "There is no reminder " + id + "."));
    if (!reminders.finish(id, ReminderStatus.CANCELLED, "cancelled by " + caller.userId(), SqlTimestamps.now(clock))) {
      throw ApiException.conflict("REMINDER_NOT_SCHEDULED",
          "The reminder is " + reminders.find(id).orElseThrow().status().value() + " already.");
    }
    try {
      client.newUntypedWorkflowStub(reminder.workflowId()).cancel();
    } catch (WorkflowNotFoundException endedMeanwhile) {
      // Its check finds it cancelled in the table and drops it.
    }
    return reminders.find(id).orElseThrow();
  }
}
