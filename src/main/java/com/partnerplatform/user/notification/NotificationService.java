package com.partnerplatform.user.notification;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.Notifications;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Notifications sent by admins, and each user's inbox. */
@Service
class NotificationService {

  private final Notifications notifications;
  private final Recipients recipients;
  private final InboxStore inbox;
  private final Clock clock;

  NotificationService(Notifications notifications, Recipients recipients, InboxStore inbox, Clock clock) {
    this.notifications = notifications;
    this.recipients = recipients;
    this.inbox = inbox;
    this.clock = clock;
  }

  /**
   * Starts one notification workflow per user, in the order given, or none when a user id is
   * unknown or the type is reserved.
   *
   * @param dedupKey identifies the notification; null makes it a new one
   * @return the workflow ids
   */
  List<String> sendToUsers(List<UUID> userIds, String type, String subject, String message,
      Set<NotificationChannel> channels, boolean urgent, String dedupKey) {
    if (NotificationTypes.isTransactional(type)) {
      throw ApiException.badRequest("RESERVED_NOTIFICATION_TYPE",
          "'" + type + "' notifications are sent by the platform itself; choose another type.");
    }
    Set<UUID> users = new LinkedHashSet<>(userIds);
    Set<UUID> unknown = recipients.unknown(users);
    if (!unknown.isEmpty()) {
      throw new UnknownUsersException(unknown);
    }
    String key = dedupKey == null ? UUID.randomUUID().toString() : dedupKey;
    return users.stream()
        .map(userId -> notifications.send(
            new NotificationRequest(userId, type, subject, message, Map.of(), channels, urgent, key)))
        .toList();
  }

  InboxPage inbox(UUID userId, boolean unreadOnly, int page, int size) {
    List<InboxItemView> items = inbox.page(userId, unreadOnly, (long) page * size, size).stream()
        .map(InboxItemView::of)
        .toList();
    return new InboxPage(items, page, size, inbox.count(userId, unreadOnly));
  }

  /** Others' notifications are reported missing, so ids reveal nothing about other users. */
  InboxItemView markRead(UUID userId, long id) {
    return inbox.markRead(userId, id, SqlTimestamps.now(clock))
        .map(InboxItemView::of)
        .orElseThrow(() -> ApiException.notFound("NOTIFICATION_NOT_FOUND", "You have no notification " + id + "."));
  }

  record InboxPage(List<InboxItemView> items, int page, int size, long total) {}

  /** Rendered with the unknown ids as a property, so clients can fix the request. */
  static class UnknownUsersException extends ApiException {

    private final List<UUID> unknownUserIds;

    UnknownUsersException(Set<UUID> unknownUserIds) {
      super(HttpStatus.BAD_REQUEST, "UNKNOWN_USERS", "There are no users " + unknownUserIds + "; nothing was sent.");
      this.unknownUserIds = List.copyOf(unknownUserIds);
    }

    List<UUID> unknownUserIds() {
      return unknownUserIds;
    }
  }
}
