package com.partnerplatform.user;

import java.util.Arrays;

/**
 * Where an account is in its life cycle, stored in {@code users.status} by {@link #value()}.
 * Registration makes accounts {@code active} until the onboarding workflow takes this over.
 */
enum UserStatus {
  ACTIVE("active"),
  /** Cannot log in or refresh tokens. */
  DISABLED("disabled");

  private final String value;

  UserStatus(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  static UserStatus fromValue(String value) {
    return Arrays.stream(values())
        .filter(status -> status.value.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown user status in the database: " + value));
  }
}
