package com.partnerplatform.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a notification can be delivered. Written as {@code email}, {@code in_app}, {@code webhook}. */
public enum NotificationChannel {
  EMAIL,
  IN_APP,
  WEBHOOK;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NotificationChannel fromKey(String key) {
    for (NotificationChannel channel : values()) {
      if (channel.key().equalsIgnoreCase(key)) {
        return channel;
      }
    }
    throw new IllegalArgumentException("Unknown channel '" + key + "'; use email, in_app or webhook");
  }
}
