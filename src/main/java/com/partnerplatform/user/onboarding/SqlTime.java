package com.partnerplatform.user.onboarding;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Timestamps as both the PostgreSQL and H2 drivers bind them, at the databases' precision. */
final class SqlTime {

  private SqlTime() {}

  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime of(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
