package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReportFigures.Amount;
import com.partnerplatform.analytics.ReportFigures.Listings;
import com.partnerplatform.analytics.ReportFigures.Orders;
import com.partnerplatform.analytics.ReportFigures.Revenue;
import com.partnerplatform.analytics.ReportFigures.Subscriptions;
import com.partnerplatform.analytics.ReportFigures.Users;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read-only reporting SQL over the other domains' tables: {@code users}, {@code refresh_tokens}
 * (user domain), {@code listings} (listing domain), {@code orders}, {@code payment_ledger},
 * {@code subscriptions}, {@code plans} (payment domain). Analytics never writes them.
 */
@Repository
class ReportQueries {

  private final JdbcClient jdbc;

  ReportQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Users users(Instant from, Instant to) {
    return new Users(
        count("select count(*) from users where created_at < :to", from, to),
        count("select count(*) from users where created_at >= :from and created_at < :to", from, to),
        count("select count(distinct user_id) from refresh_tokens where issued_at >= :from and issued_at < :to",
            from, to));
  }

  Listings listings(Instant from, Instant to) {
    return new Listings(
        count("select count(*) from listings where submitted_at >= :from and submitted_at < :to", from, to),
        count("select count(*) from listings where published_at >= :from and published_at < :to", from, to),
        count("select count(*) from listings where status = 'rejected' and reviewed_at >= :from "
            + "and reviewed_at < :to", from, to),
        count("select count(*) from listings where status = 'expired' and expires_at >= :from "
            + "and expires_at < :to", from, to),
        count("select count(*) from listings where status = 'pending_review'", from, to));
  }

  Orders orders(Instant from, Instant to) {
    String placed = "select count(*) from orders where created_at >= :from and created_at < :to";
    Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
    period(jdbc.sql("select currency, kind, sum(amount) as total from payment_ledger "
        + "where created_at >= :from and created_at < :to group by currency, kind"), from, to)
        .query((rs, row) -> {
          BigDecimal[] totals = byCurrency.computeIfAbsent(rs.getString("currency"),
              currency -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
          totals["charge".equals(rs.getString("kind")) ? 0 : 1] = rs.getBigDecimal("total");
          return null;
        })
        .list();
    List<Revenue> revenue = byCurrency.entrySet().stream()
        .map(entry -> new Revenue(entry.getKey(), money(entry.getValue()[0]), money(entry.getValue()[1]),
            money(entry.getValue()[0].subtract(entry.getValue()[1]))))
        .toList();
    return new Orders(count(placed, from, to),
        count(placed + " and status = 'paid'", from, to),
        count(placed + " and status = 'payment_failed'", from, to),
        count(placed + " and status = 'refunded'", from, to),
        revenue);
  }

  Subscriptions subscriptions() {
    Map<String, BigDecimal> monthly = new TreeMap<>();
    jdbc.sql("select p.currency, p.billing_period, sum(p.amount) as total from subscriptions s "
            + "join plans p on p.id = s.plan_id where s.status = 'active' group by p.currency, p.billing_period")
        .query((rs, row) -> {
          monthly.merge(rs.getString("currency"),
              monthlyAmount(rs.getBigDecimal("total"), rs.getString("billing_period")), BigDecimal::add);
          return null;
        })
        .list();
    return new Subscriptions(status("active"), status("past_due"), status("paused"), status("suspended"),
        monthly.entrySet().stream().map(entry -> new Amount(entry.getKey(), money(entry.getValue()))).toList());
  }

  /** A plan's amount per month: weekly × 52 / 12, yearly / 12. */
  static BigDecimal monthlyAmount(BigDecimal amount, String billingPeriod) {
    return switch (billingPeriod) {
      case "weekly" -> amount.multiply(BigDecimal.valueOf(52)).divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP);
      case "yearly" -> amount.divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP);
      default -> amount;
    };
  }

  private long status(String status) {
    return jdbc.sql("select count(*) from subscriptions where status = :status").param("status", status)
        .query(Long.class).single();
  }

  private long count(String sql, Instant from, Instant to) {
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    if (sql.contains(":from")) {
      statement = statement.param("from", SqlTimestamps.of(from));
    }
    if (sql.contains(":to")) {
      statement = statement.param("to", SqlTimestamps.of(to));
    }
    return statement.query(Long.class).single();
  }

  private static JdbcClient.StatementSpec period(JdbcClient.StatementSpec statement, Instant from, Instant to) {
    return statement.param("from", SqlTimestamps.of(from)).param("to", SqlTimestamps.of(to));
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
