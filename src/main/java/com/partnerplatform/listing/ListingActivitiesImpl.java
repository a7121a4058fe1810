package com.partnerplatform.listing;

import com.partnerplatform.listing.ListingRules.QualityReport;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.user.UserDirectory;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class ListingActivitiesImpl implements ListingActivities {

  static final String REVIEWER_ROLE = "REVIEWER";

  private static final Logger log = LoggerFactory.getLogger(ListingActivitiesImpl.class);

  private final ListingStore listings;
  private final ListingSearch search;
  private final UserDirectory users;
  private final ListingMetrics metrics;
  private final Clock clock;

  ListingActivitiesImpl(ListingStore listings, ListingSearch search, UserDirectory users, ListingMetrics metrics,
      Clock clock) {
    this.listings = listings;
    this.search = search;
    this.users = users;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<String> validate(UUID listingId) {
    return ListingRules.validate(find(listingId).content());
  }

  @Override
  public QualityReport score(UUID listingId) {
    return ListingRules.score(find(listingId).content());
  }

  @Override
  public void markValidationFailed(UUID listingId, List<String> errors) {
    if (!listings.markValidationFailed(listingId, errors, now())) {
      requireDone(listingId, ListingStatus.VALIDATION_FAILED, "mark it validation failed");
    }
  }

  @Override
  public void markPendingReview(UUID listingId, QualityReport report, Instant deadline) {
    if (!listings.markPendingReview(listingId, report, deadline, now())) {
      throw conflict(find(listingId), "put it up for review");
    }
  }

  @Override
  public List<UUID> reviewers() {
    return users.usersWithRole(REVIEWER_ROLE);
  }

  @Override
  public Instant approve(UUID listingId, String comment, UUID reviewer, Instant defaultExpiry) {
    Listing listing = find(listingId);
    Instant now = now();
    Instant requested = listing.requestedExpiresAt();
    Instant expiresAt = requested != null && requested.isAfter(now) ? requested : defaultExpiry;
    if (listings.markApproved(listingId, comment, reviewer, expiresAt, now)) {
      metrics.decided(ListingStatus.APPROVED, reviewer, listing.submittedAt(), now);
      return expiresAt;
    }
    // Approved by an earlier attempt whose answer was lost: that attempt's expiry stands.
    return requireDone(listingId, ListingStatus.APPROVED, "approve it").expiresAt();
  }

  @Override
  public void reject(UUID listingId, String comment, UUID reviewer) {
    Instant submittedAt = find(listingId).submittedAt();
    Instant now = now();
    if (listings.markRejected(listingId, comment, reviewer, now)) {
      metrics.decided(ListingStatus.REJECTED, reviewer, submittedAt, now);
    } else {
      requireDone(listingId, ListingStatus.REJECTED, "reject it");
    }
  }

  @Override
  public void withdraw(UUID listingId) {
    if (!listings.markWithdrawn(listingId, now())) {
      requireDone(listingId, ListingStatus.DRAFT, "withdraw it");
    }
  }

  @Override
  public void markError(UUID listingId, String message) {
    if (!listings.markError(listingId, message, now())) {
      Listing listing = find(listingId);
      log.warn("Listing {} is {} and not under review; its status stays (failure: {})", listingId,
          listing.status().value(), message);
    }
  }

  @Override
  public boolean publish(UUID listingId) {
    Listing listing = find(listingId);
    if (listing.status() != ListingStatus.APPROVED) {
      return false;
    }
    search.publish(listing);
    return true;
  }

  @Override
  public void removeFromSearch(UUID listingId) {
    search.withdraw(listingId);
  }

  @Override
  public void setExpiry(UUID listingId, Instant expiresAt) {
    if (!listings.setExpiry(listingId, expiresAt, now())) {
      throw conflict(find(listingId), "move its expiry");
    }
  }

  @Override
  public void expire(UUID listingId, Instant at) {
    if (!listings.markExpired(listingId, at, now())) {
      // Expired by an earlier attempt, or never live: there is nothing left to end.
      log.info("Listing {} is {}, not live: nothing to expire", listingId, find(listingId).status().value());
    }
  }

  /**
   * After a status change that changed nothing: succeeds when an earlier attempt made it, fails
   * when the listing is somewhere else.
   */
  private Listing requireDone(UUID listingId, ListingStatus target, String step) {
    Listing listing = find(listingId);
    if (listing.status() != target || listing.inReview()) {
      throw conflict(listing, step);
    }
    return listing;
  }

  private Listing find(UUID listingId) {
    return listings.find(listingId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "Listing " + listingId + " does not exist.", ListingErrors.NOT_FOUND));
  }

  private static ApplicationFailure conflict(Listing listing, String step) {
    return ApplicationFailure.newNonRetryableFailure("Listing " + listing.id() + " is " + listing.status().value()
        + (listing.inReview() ? " and under review" : " and not under review") + ": cannot " + step + ".",
        ListingErrors.STATE_CONFLICT);
  }

  private Instant now() {
    return SqlTimestamps.now(clock);
  }
}
