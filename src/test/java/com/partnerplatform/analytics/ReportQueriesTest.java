package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.analytics.ReportFigures.Amount;
import com.partnerplatform.analytics.ReportFigures.Revenue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The reporting SQL against the database (H2, or PostgreSQL with PLATFORM_IT_DATABASE_URL). */
class ReportQueriesTest {

  private final AnalyticsTestDatabase db = new AnalyticsTestDatabase();
  private final ReportQueries queries = new ReportQueries(db.jdbc);
  /** A day of its own, decades ago, so that no other test's rows fall into it. */
  private final Instant from = Instant.parse("1975-01-01T00:00:00Z")
      .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(9_000)));
  private final Instant to = from.plus(Duration.ofDays(1));
  private final Instant inside = from.plus(Duration.ofHours(5));
  private final Instant before = from.minus(Duration.ofHours(1));
  private final Instant after = to.plus(Duration.ofHours(1));

  @Test
  void usersAreCountedByCreationAndSessionsInThePeriod() {
    long totalBefore = queries.users(from, to).total();
    UUID early = db.user(before, null);
    UUID inPeriod = db.user(inside, null);
    db.user(after, null);
    db.refreshToken(early, inside, after, null);
    db.refreshToken(early, inside.plusSeconds(60), after, null);
    db.refreshToken(inPeriod, after, after, null);

    ReportFigures.Users users = queries.users(from, to);

    assertThat(users.total()).isEqualTo(totalBefore + 2);
    assertThat(users.created()).isEqualTo(1);
    assertThat(users.active()).as("distinct users with a session issued in the period").isEqualTo(1);
  }

  @Test
  void listingsAreCountedByWhatHappenedToThemInThePeriod() {
    long pendingBefore = queries.listings(from, to).pending();
    db.listing("pending_review", inside, null, null, null);
    db.listing("approved", inside, inside, inside, after);
    db.listing("expired", before, before, before, inside);
    db.listing("rejected", inside, inside, null, null);
    db.listing("rejected", before, before, null, null);

    ReportFigures.Listings listings = queries.listings(from, to);

    assertThat(listings.submitted()).isEqualTo(3);
    assertThat(listings.approved()).isEqualTo(1);
    assertThat(listings.rejected()).isEqualTo(1);
    assertThat(listings.expired()).isEqualTo(1);
    assertThat(listings.pending()).isEqualTo(pendingBefore + 1);
  }

  @Test
  void ordersByStatusAndRevenuePerCurrencyFromTheLedger() {
    UUID paid = db.order("paid", "30.00", "USD", inside);
    UUID refunded = db.order("refunded", "12.50", "EUR", inside);
    db.order("payment_failed", "5.00", "USD", inside);
    db.order("paid", "99.00", "USD", before);
    db.ledger(paid, "charge", "30.00", "USD", inside);
    db.ledger(refunded, "charge", "12.50", "EUR", inside);
    db.ledger(refunded, "refund", "12.50", "EUR", inside.plusSeconds(60));
    db.ledger(paid, "charge", "1.00", "USD", after);

    ReportFigures.Orders orders = queries.orders(from, to);

    assertThat(orders.placed()).isEqualTo(3);
    assertThat(orders.paid()).isEqualTo(1);
    assertThat(orders.failed()).isEqualTo(1);
    assertThat(orders.refunded()).isEqualTo(1);
    assertThat(orders.revenue()).containsExactly(
        new Revenue("EUR", new BigDecimal("12.50"), new BigDecimal("12.50"), new BigDecimal("0.00")),
        new Revenue("USD", new BigDecimal("30.00"), new BigDecimal("0.00"), new BigDecimal("30.00")));
  }

  @Test
  void monthlyRecurringRevenueNormalisesWeeklyAndYearlyPlans() {
    // XTS is ISO 4217's code for testing: no real subscription uses it.
    ReportFigures.Subscriptions before = queries.subscriptions();
    db.subscription(db.plan("10.00", "XTS", "monthly"), "active");
    db.subscription(db.plan("3.00", "XTS", "weekly"), "active");
    db.subscription(db.plan("120.00", "XTS", "yearly"), "active");
    db.subscription(db.plan("1000.00", "XTS", "monthly"), "suspended");
    db.subscription(db.plan("1000.00", "XTS", "monthly"), "past_due");

    ReportFigures.Subscriptions after = queries.subscriptions();

    assertThat(after.active()).isEqualTo(before.active() + 3);
    assertThat(after.suspended()).isEqualTo(before.suspended() + 1);
    assertThat(after.pastDue()).isEqualTo(before.pastDue() + 1);
    // 10 + 3 × 52 / 12 + 120 / 12 = 10 + 13 + 10
    assertThat(xts(after.monthlyRecurringRevenue()).subtract(xts(before.monthlyRecurringRevenue())))
        .isEqualByComparingTo("33.00");
  }

  private static BigDecimal xts(List<Amount> amounts) {
    return amounts.stream().filter(amount -> amount.currency().equals("XTS")).map(Amount::amount)
        .findFirst().orElse(BigDecimal.ZERO);
  }
}
