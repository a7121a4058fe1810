package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReminderStore.Reminder;
import com.partnerplatform.payment.SubscriptionMaintenance;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class ReminderActivitiesImpl implements ReminderActivities {

  private final ReminderStore reminders;
  private final SubscriptionMaintenance subscriptions;
  private final Clock clock;

  ReminderActivitiesImpl(ReminderStore reminders, SubscriptionMaintenance subscriptions, Clock clock) {
    this.reminders = reminders;
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  @Override
  public String invalidity(UUID reminderId) {
    Reminder reminder = reminders.find(reminderId).orElse(null);
    if (reminder == null) {
      return "the reminder no longer exists";
    }
    if (reminder.status() != ReminderStatus.SCHEDULED) {
      return "the reminder is " + reminder.status().value();
    }
    if (reminder.type() == ReminderType.PAYMENT && !subscriptions.isLive(reminder.subscriptionId())) {
      return "subscription " + reminder.subscriptionId() + " has ended";
    }
    return null;
  }

  @Override
  public void finish(UUID reminderId, ReminderStatus status, String reason) {
    reminders.finish(reminderId, status, reason, SqlTimestamps.now(clock));
  }
}
