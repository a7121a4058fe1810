package com.partnerplatform.analytics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a report covers; written {@code sales}, {@code platform}, {@code performance}. */
public enum ReportType {
  /** Orders, revenue and subscriptions. */
  SALES(EnumSet.of(ReportSection.ORDERS, ReportSection.SUBSCRIPTIONS)),
  /** Everything: users, listings, sales and workflow health (the daily report). */
  PLATFORM(EnumSet.allOf(ReportSection.class)),
  /** Workflow executions per type and status. */
  PERFORMANCE(EnumSet.of(ReportSection.WORKFLOWS));

  private final Set<ReportSection> sections;

  ReportType(Set<ReportSection> sections) {
    this.sections = sections;
  }

  public Set<ReportSection> sections() {
    return sections;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReportType> fromKey(String key) {
    for (ReportType type : values()) {
      if (type.key().equalsIgnoreCase(key)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The sections of a report. */
  public enum ReportSection { USERS, LISTINGS, ORDERS, SUBSCRIPTIONS, WORKFLOWS }
}
