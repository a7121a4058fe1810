package com.partnerplatform.analytics;

import java.util.Locale;

/** Where a reminder stands. */
public enum ReminderStatus {
  /** Waiting for its time. */
  SCHEDULED,
  /** Handed to the notification workflow at its time. */
  SENT,
  /** No longer valid at its time (e.g. its subscription ended): not sent. */
  DROPPED,
  /** Cancelled before its time: never sent. */
  CANCELLED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReminderStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
