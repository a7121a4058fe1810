package com.partnerplatform.analytics;

import java.util.Locale;
import java.util.Optional;

/** What a reminder is about; written {@code general}, {@code payment}. */
public enum ReminderType {
  /** Anything: always sent. */
  GENERAL,
  /** A subscription's payment: dropped when the subscription has ended by then. */
  PAYMENT;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReminderType> fromKey(String key) {
    for (ReminderType type : values()) {
      if (type.key().equalsIgnoreCase(key)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
