package com.partnerplatform.analytics;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

@ActivityInterface(namePrefix = "Reminder")
public interface ReminderActivities {

  /** Why the reminder must not be sent now (cancelled, its subscription ended), or null to send it. */
  String invalidity(UUID reminderId);

  /** Records the outcome, unless the reminder left {@code scheduled} already (e.g. it was cancelled). */
  void finish(UUID reminderId, ReminderStatus status, String reason);
}
