package com.partnerplatform.analytics;

import com.partnerplatform.user.ChildNotifications;
import com.partnerplatform.user.NotificationRequest;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

public class ReminderWorkflowImpl implements ReminderWorkflow {

  private static final Logger log = Workflow.getLogger(ReminderWorkflowImpl.class);

  private final ReminderActivities activities = Workflow.newActivityStub(ReminderActivities.class);

  @Override
  public ReminderStatus run(ReminderRequest request) {
    try {
      Duration wait = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), request.remindAt());
      if (!wait.isNegative() && !wait.isZero()) {
        Workflow.sleep(wait);
      }
    } catch (CanceledFailure e) {
      // Cancelled before its time: it is never sent, and the table says so whoever cancelled it.
      Workflow.newDetachedCancellationScope(() ->
          activities.finish(request.reminderId(), ReminderStatus.CANCELLED, "cancelled")).run();
      throw e;
    }
    String invalidity = activities.invalidity(request.reminderId());
    if (invalidity != null) {
      activities.finish(request.reminderId(), ReminderStatus.DROPPED, invalidity);
      log.info("Reminder {} dropped: {}", request.reminderId(), invalidity);
      return ReminderStatus.DROPPED;
    }
    // Urgent: the user asked for this moment, quiet hours or not.
    ChildNotifications.start(new NotificationRequest(request.userId(), "reminder",
        "Reminder: " + abbreviated(request.message()), request.message(),
        Map.of("reminderType", request.type().key()), request.channels(), true,
        "reminder-" + request.reminderId()), request.notificationTaskQueue());
    activities.finish(request.reminderId(), ReminderStatus.SENT, null);
    return ReminderStatus.SENT;
  }

  private static String abbreviated(String message) {
    String line = message.lines().findFirst().orElse("");
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
