package com.partnerplatform.user;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One logical notification to one user: the input of {@link NotificationWorkflow}.
 *
 * @param userId the recipient
 * @param type the notification type: selects the templates and the user's preferences (e.g.
 *     {@code announcement}, {@code welcome}, {@code payment_receipt})
 * @param subject the subject, for types whose template uses the caller's text (may be null)
 * @param message the message text, for types whose template uses the caller's text (may be null)
 * @param data values the type's templates refer to (e.g. {@code verificationUrl})
 * @param channels the channels asked for; null or empty means every channel the user has on
 * @param urgent urgent notifications are delivered during the user's quiet hours
 * @param dedupKey identifies the logical notification: the same key for the same user is sent once
 */
public record NotificationRequest(
    UUID userId,
    String type,
    String subject,
    String message,
    Map<String, String> data,
    Set<NotificationChannel> channels,
    boolean urgent,
    String dedupKey) {

  /** The workflow id of this notification: {@code notification-{userId}-{dedupKey}}. */
  public String workflowId() {
    return "notification-" + userId + "-" + dedupKey;
  }
}
