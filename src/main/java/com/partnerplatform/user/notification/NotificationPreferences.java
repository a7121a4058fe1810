package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationChannel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One user's notification settings.
 *
 * @param types the channels on per notification type; types not listed have every channel on
 * @param quietHours when non-urgent notifications wait, or null
 * @param webhookUrl where webhook notifications go, or null when none is registered
 */
record NotificationPreferences(
    Map<String, Set<NotificationChannel>> types, QuietHours quietHours, String webhookUrl) {

  Set<NotificationChannel> channelsFor(String type) {
    Set<NotificationChannel> channels = types.get(type);
    return channels == null ? EnumSet.allOf(NotificationChannel.class) : channels;
  }
}
