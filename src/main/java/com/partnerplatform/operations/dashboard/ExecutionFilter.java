package com.partnerplatform.operations.dashboard;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The executions page's filters as a visibility query. A business id (an order, listing, user or
 * subscription id) matches the workflows named after it, since workflow ids are business keys.
 *
 * @param from start time at or after (UTC, as an HTML {@code datetime-local} value)
 * @param to start time at or before
 */
record ExecutionFilter(String type, String status, String businessId, String from, String to) {

  static final List<String> TYPES = List.of("PaymentWorkflow", "OrderRefundWorkflow", "SubscriptionWorkflow",
      "ListingApprovalWorkflow", "ListingExpirationWorkflow", "SearchReindexWorkflow", "OnboardingWorkflow",
      "NotificationWorkflow", "CanaryWorkflow");
  static final List<String> STATUSES =
      List.of("Running", "Completed", "Failed", "Canceled", "Terminated", "TimedOut", "ContinuedAsNew");
  /** Prefixes of the workflow ids named after a business id (see the domains' workflow ids). */
  private static final List<String> ID_PREFIXES = List.of("", "payment-", "refund-", "subscription-",
      "listing-approval-", "listing-expiration-", "onboarding-");

  String query() {
    List<String> terms = new ArrayList<>();
    if (present(type)) {
      terms.add("WorkflowType = " + quoted(type));
    }
    if (present(status)) {
      terms.add("ExecutionStatus = " + quoted(status));
    }
    if (present(businessId)) {
      String id = businessId.trim();
      terms.add("(" + String.join(" OR ", ID_PREFIXES.stream().map(p -> "WorkflowId = " + quoted(p + id)).toList())
          + ")");
    }
    if (present(from)) {
      terms.add("StartTime >= " + quoted(utc(from)));
    }
    if (present(to)) {
      terms.add("StartTime <= " + quoted(utc(to)));
    }
    return String.join(" AND ", terms);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String utc(String localDateTime) {
    try {
      return LocalDateTime.parse(localDateTime.trim()).toInstant(ZoneOffset.UTC).toString();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("Times look like 2026-11-26T06:30 (UTC), not " + localDateTime + ".");
    }
  }

  /** Quotes a literal of the query language; quotes and backslashes inside are dropped. */
  static String quoted(String value) {
    return "'" + value.replace("\\", "").replace("'", "") + "'";
  }
}
