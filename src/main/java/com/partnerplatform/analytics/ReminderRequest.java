package com.partnerplatform.analytics;

import com.partnerplatform.user.NotificationChannel;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The input of {@code reminder-{reminderId}}.
 *
 * @param channels the channels asked for; empty for the user's preferences
 * @param subscriptionId what a payment reminder is about, else null
 * @param notificationTaskQueue the users queue, where the notification workflow runs
 */
public record ReminderRequest(UUID reminderId, UUID userId, ReminderType type, String message, Instant remindAt,
    Set<NotificationChannel> channels, UUID subscriptionId, String notificationTaskQueue) {

  public String workflowId() {
    return workflowId(reminderId);
  }

  /** One workflow per reminder: {@code reminder-{reminderId}}. */
  public static String workflowId(UUID reminderId) {
    return "reminder-" + reminderId;
  }
}
