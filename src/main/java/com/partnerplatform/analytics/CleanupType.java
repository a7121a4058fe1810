package com.partnerplatform.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a clean-up removes; written {@code sessions}, {@code notifications}, {@code logs}, {@code temp_files}, {@code all}. */
public enum CleanupType {
  /** Refresh tokens that expired or were revoked before the retention. */
  SESSIONS,
  /** In-app notifications read before the retention. */
  NOTIFICATIONS,
  /** Rotated log files last written before the retention. */
  LOGS,
  /** Report scratch files last written before the retention. */
  TEMP_FILES,
  /** Each of the above in turn, each with its own retention (the weekly schedule). */
  ALL;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The types a clean-up of this type runs. */
  public List<CleanupType> parts() {
    return this == ALL ? List.of(SESSIONS, NOTIFICATIONS, LOGS, TEMP_FILES) : List.of(this);
  }

  public static Optional<CleanupType> fromKey(String key) {
    for (CleanupType type : values()) {
      if (type.key().equalsIgnoreCase(key)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
