package com.partnerplatform.listing;

import static com.partnerplatform.listing.TestContent.content;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the listing activities count: each decision once, by who took it, and the overdue reviews. */
class ListingMetricsTest {

  private static final UUID REVIEWER = UUID.randomUUID();

  private final ListingTestDatabase db = new ListingTestDatabase();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListingActivities activities = new ListingActivitiesImpl(db.listings, new InMemorySearch(),
      role -> List.of(REVIEWER), new ListingMetrics(meters, db.listings, Clock.systemUTC()), Clock.systemUTC());
  private final Instant inThirtyDays = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS);

  @Test
  void aRepeatedApprovalCountsOneDecisionByTheReviewerTimedFromTheSubmission() {
    Instant before = Instant.now();
    UUID id = pendingReview(inThirtyDays);

    activities.approve(id, "Looks good", REVIEWER, inThirtyDays);
    activities.approve(id, "Looks good", REVIEWER, inThirtyDays);

    Timer decisions = decisions("approved", "reviewer");
    assertThat(decisions.count()).isEqualTo(1);
    assertThat(Duration.ofNanos((long) decisions.totalTime(TimeUnit.NANOSECONDS)))
        .isBetween(Duration.ZERO, Duration.between(before, Instant.now()));
  }

  @Test
  void aRejectionWithoutAReviewerIsTheTimeoutsAndCountsOnce() {
    UUID id = pendingReview(inThirtyDays);

    activities.reject(id, "Auto-rejected after timeout", null);
    activities.reject(id, "Auto-rejected after timeout", null);

    assertThat(decisions("rejected", "timeout").count()).isEqualTo(1);
    assertThat(meters.find(ListingMetrics.DECISIONS).tag("decided_by", "reviewer").timer()).isNull();
  }

  @Test
  void aReviewPastItsDeadlineIsOverdueUntilItIsDecided() {
    double before = overdue();
    UUID id = pendingReview(Instant.now().minusSeconds(1));

    assertThat(overdue()).isEqualTo(before + 1);

    activities.approve(id, null, null, inThirtyDays);

    assertThat(overdue()).isEqualTo(before);
  }

  private UUID pendingReview(Instant deadline) {
    UUID id = db.submitted(content().build(), null);
    activities.markPendingReview(id, ListingRules.score(content().build()), deadline);
    return id;
  }

  private Timer decisions(String decision, String decidedBy) {
    return meters.get(ListingMetrics.DECISIONS).tags("decision", decision, "decided_by", decidedBy).timer();
  }

  private double overdue() {
    return meters.get(ListingMetrics.OVERDUE_REVIEWS).gauge().value();
  }
}
