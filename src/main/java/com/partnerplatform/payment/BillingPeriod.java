package com.partnerplatform.payment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/** How often a plan bills: calendar weeks, months or years, counted in UTC. */
public enum BillingPeriod {
  WEEKLY,
  MONTHLY,
  YEARLY;

  /**
   * The start of the period {@code periods} after the one starting at {@code anchor}. Counting from
   * one anchor keeps the day of the month: a subscription started on 31 January bills on 28 (or 29)
   * February and again on 31 March.
   */
  public Instant advance(Instant anchor, long periods) {
    ZonedDateTime start = anchor.atZone(ZoneOffset.UTC);
    ZonedDateTime advanced = switch (this) {
      case WEEKLY -> start.plusWeeks(periods);
      case MONTHLY -> start.plusMonths(periods);
      case YEARLY -> start.plusYears(periods);
    };
    return advanced.toInstant();
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BillingPeriod fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
