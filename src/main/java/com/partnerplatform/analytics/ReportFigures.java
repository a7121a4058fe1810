package com.partnerplatform.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The figures of one report. A section the report's type does not cover is null.
 *
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param takenAt when the figures were read; counts "now" (pending listings, live subscriptions)
 *     are as of this time
 */
public record ReportFigures(ReportType type, Instant from, Instant to, Instant takenAt, Users users,
    Listings listings, Orders orders, Subscriptions subscriptions, Workflows workflows) {

  /**
   * @param total accounts created before the end of the period
   * @param created accounts created in the period
   * @param active users who logged in or refreshed a session in the period
   */
  public record Users(long total, long created, long active) {}

  /**
   * @param submitted submitted for review in the period
   * @param approved approved (published) in the period
   * @param rejected rejected in the period
   * @param expired expired in the period
   * @param pending waiting for review now
   */
  public record Listings(long submitted, long approved, long rejected, long expired, long pending) {}

  /**
   * Orders placed in the period by their status now, and the money that moved in the period.
   *
   * @param revenue per currency: charges, refunds and their difference (orders and subscriptions)
   */
  public record Orders(long placed, long paid, long failed, long refunded, List<Revenue> revenue) {}

  public record Revenue(String currency, BigDecimal charged, BigDecimal refunded, BigDecimal net) {}

  /**
   * Subscriptions now.
   *
   * @param monthlyRecurringRevenue per currency, over active subscriptions: a weekly plan counts
   *     52/12 of its amount, a yearly plan 1/12
   */
  public record Subscriptions(long active, long pastDue, long paused, long suspended,
      List<Amount> monthlyRecurringRevenue) {}

  public record Amount(String currency, BigDecimal amount) {}

  /**
   * Workflow executions started in the period, from the engine's visibility store.
   *
   * @param available false with the in-memory engine, which has no visibility queries
   * @param note why the section is incomplete or missing, or null
   */
  public record Workflows(boolean available, String note, List<Executions> executions) {}

  public record Executions(String workflowType, String status, long count) {}
}
