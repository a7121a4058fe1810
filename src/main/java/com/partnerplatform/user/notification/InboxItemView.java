package com.partnerplatform.user.notification;

import com.partnerplatform.user.notification.InboxStore.InboxItem;
import java.time.Instant;

/** An in-app notification as the API and the live stream show it. */
record InboxItemView(long id, String type, String subject, String body, Instant createdAt, Instant readAt) {

  static InboxItemView of(InboxItem item) {
    return new InboxItemView(item.id(), item.type(), item.subject(), item.body(), item.createdAt(), item.readAt());
  }
}
