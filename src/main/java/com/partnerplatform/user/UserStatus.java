package com.partnerplatform.user;

import java.util.Arrays;

/**
 * Where an account is in its life cycle, stored in {@code users.status} by {@link #value()}.
 * Registered accounts start in {@code onboarding}; the onboarding workflow moves them on. Every
 * status but {@code disabled} can log in.
 */
public enum UserStatus {
  /** Registered; the e-mail address is not verified yet. */
  ONBOARDING("onboarding"),
  /** The e-mail address is verified (or the account was created by an administrator). */
  ACTIVE("active"),
  /** Did not verify the e-mail address in time; can ask for a new link. */
  UNVERIFIED("unverified"),
  /** Onboarding stopped on an unexpected failure; can ask for a new link. */
  ONBOARDING_FAILED("onboarding_failed"),
  /** Cannot log in or refresh tokens. */
  DISABLED("disabled");

  private final String value;

  UserStatus(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static UserStatus fromValue(String value) {
    return Arrays.stream(values())
        .filter(status -> status.value.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown user status in the database: " + value));
  }
}
