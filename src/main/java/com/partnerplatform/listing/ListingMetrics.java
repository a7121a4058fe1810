package com.partnerplatform.listing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The listing domain's business metrics (README "Operating it" → Metrics): review decisions, counted
 * when the listing's row took them, and the reviews whose decision deadline has passed.
 */
@Component
class ListingMetrics {

  /**
   * Time from submission to decision; tags {@code decision} (approved, rejected) and
   * {@code decided_by} (reviewer, timeout). Its count is the number of decisions.
   */
  static final String DECISIONS = "listings.review.decisions";
  /**
   * Listings still pending review after their decision deadline: the approval workflow decides at
   * the deadline, so these wait for a worker that does not run.
   */
  static final String OVERDUE_REVIEWS = "listings.reviews.overdue";

  private final MeterRegistry meters;

  ListingMetrics(MeterRegistry meters, ListingStore listings, Clock clock) {
    this.meters = meters;
    Gauge.builder(OVERDUE_REVIEWS, () -> listings.countPendingReviewPastDeadline(clock.instant()))
        .description("Listings pending review after their decision deadline")
        .register(meters);
  }

  /** @param reviewer null when the review timeout decided */
  void decided(ListingStatus decision, UUID reviewer, Instant submittedAt, Instant decidedAt) {
    Timer.builder(DECISIONS)
        .tag("decision", decision.value())
        .tag("decided_by", reviewer == null ? "timeout" : "reviewer")
        .serviceLevelObjectives(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(8), Duration.ofDays(1),
            Duration.ofDays(3), Duration.ofDays(7))
        .register(meters)
        .record(Duration.between(submittedAt, decidedAt));
  }
}
