package com.partnerplatform.listing;

import com.partnerplatform.listing.ListingRules.QualityReport;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The side effects of the listing workflows. Each may run more than once and has the effect of
 * running once: the store's status changes name the statuses they move from, and a step whose
 * change is already there succeeds again with the same answer. A missing listing fails with the
 * non-retryable {@link ListingErrors#NOT_FOUND}, a listing in a status the step cannot follow with
 * the non-retryable {@link ListingErrors#STATE_CONFLICT}.
 */
@ActivityInterface(namePrefix = "Listing")
public interface ListingActivities {

  /** The validation rules the stored content breaks; empty when it may go to review. */
  List<String> validate(UUID listingId);

  /** The automated quality checks on the stored content. */
  QualityReport score(UUID listingId);

  /** Ends the review: the content broke {@code errors}, and the partner may edit it again. */
  void markValidationFailed(UUID listingId, List<String> errors);

  /** The listing waits for a reviewer until {@code deadline}, with its quality report. */
  void markPendingReview(UUID listingId, QualityReport report, Instant deadline);

  /** Who is asked to review (users with the REVIEWER role). */
  List<UUID> reviewers();

  /**
   * Records the approval: the listing is live until the expiry it asked for when that is still in
   * the future, otherwise until {@code defaultExpiry}.
   *
   * @param reviewer null when the review timeout decided
   * @return the expiry recorded (the same on a repeated call)
   */
  Instant approve(UUID listingId, String comment, UUID reviewer, Instant defaultExpiry);

  /** @param reviewer null when the review timeout decided */
  void reject(UUID listingId, String comment, UUID reviewer);

  /** The partner took the listing back from review: it is a draft again. */
  void withdraw(UUID listingId);

  /** Ends a review that failed unexpectedly; a listing no longer under review keeps its status. */
  void markError(UUID listingId, String message);

  /**
   * Puts the listing into search if it is live.
   *
   * @return false when it is not live (any more), so nothing was published
   */
  boolean publish(UUID listingId);

  void removeFromSearch(UUID listingId);

  /** Moves the expiry of a live listing (a renewal). */
  void setExpiry(UUID listingId, Instant expiresAt);

  /** Ends a live listing at {@code at}: its expiry, or now when its partner unpublished it. */
  void expire(UUID listingId, Instant at);
}
