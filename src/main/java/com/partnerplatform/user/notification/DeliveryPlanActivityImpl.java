package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationProperties;
import com.partnerplatform.user.NotificationRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
class DeliveryPlanActivityImpl implements DeliveryPlanActivity {

  private final Recipients recipients;
  private final PreferenceStore preferences;
  private final NotificationProperties properties;

  DeliveryPlanActivityImpl(Recipients recipients, PreferenceStore preferences, NotificationProperties properties) {
    this.recipients = recipients;
    this.preferences = preferences;
    this.properties = properties;
  }

  @Override
  public DeliveryPlan planDelivery(NotificationRequest request) {
    recipients.require(request.userId());
    NotificationPreferences settings = preferences.load(request.userId());
    boolean transactional = NotificationTypes.isTransactional(request.type());
    Set<NotificationChannel> offered = properties.channels().stream()
        .map(NotificationChannel::fromKey)
        .collect(() -> EnumSet.noneOf(NotificationChannel.class), Set::add, Set::addAll);
    Set<NotificationChannel> requested = request.channels() == null || request.channels().isEmpty()
        ? EnumSet.allOf(NotificationChannel.class) : EnumSet.copyOf(request.channels());

    List<NotificationChannel> deliver = new ArrayList<>();
    Map<NotificationChannel, String> skipped = new EnumMap<>(NotificationChannel.class);
    for (NotificationChannel channel : requested) {
      if (!offered.contains(channel)) {
        skipped.put(channel, "The " + channel.key() + " channel is turned off on this platform.");
      } else if (channel == NotificationChannel.WEBHOOK && settings.webhookUrl() == null) {
        skipped.put(channel, "The user has not registered a webhook.");
      } else if (!transactional && !settings.channelsFor(request.type()).contains(channel)) {
        skipped.put(channel, "The user turned " + channel.key() + " off for " + request.type() + " notifications.");
      } else {
        deliver.add(channel);
      }
    }
    return new DeliveryPlan(deliver, skipped, transactional ? null : settings.quietHours());
  }
}
