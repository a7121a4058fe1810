package com.partnerplatform.user.notification;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.notification.NotificationTemplates.RenderedNotification;
import com.partnerplatform.user.notification.Recipients.Recipient;
import java.time.Clock;
import org.springframework.stereotype.Component;

@Component
class InAppActivityImpl implements InAppActivity {

  private final InboxStore inbox;
  private final InboxStream stream;
  private final NotificationTemplates templates;
  private final Recipients recipients;
  private final NotificationMetrics metrics;
  private final Clock clock;

  InAppActivityImpl(InboxStore inbox, InboxStream stream, NotificationTemplates templates, Recipients recipients,
      NotificationMetrics metrics, Clock clock) {
    this.inbox = inbox;
    this.stream = stream;
    this.templates = templates;
    this.recipients = recipients;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void storeInApp(Delivery delivery) {
    metrics.attempt(NotificationChannel.IN_APP, () -> store(delivery));
  }

  /** @return whether this call stored the item */
  private boolean store(Delivery delivery) {
    NotificationRequest request = delivery.request();
    Recipient recipient = recipients.require(request.userId());
    RenderedNotification content = templates.render(request, recipient.name());
    if (inbox.insertOnce(delivery.key(), recipient.id(), request.type(), content.subject(), content.text(),
        SqlTimestamps.now(clock))) {
      stream.pollNow();
      return true;
    }
    return false;
  }
}
