package com.partnerplatform.listing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A listing as the API shows it to its owner, reviewers and admins.
 *
 * @param approval the running review's progress (its workflow's getStatus), absent otherwise
 * @param requestedExpiresAt the latest expiry the partner asked for
 * @param expiresAt when the live listing expires (or expired)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ListingView(UUID id, UUID ownerId, String title, String description, BigDecimal price, String currency,
    String propertyType, ListingContent.Location location, List<String> images, ListingContent.Attributes attributes,
    String status, boolean inReview, BigDecimal qualityScore, List<String> qualityIssues,
    List<String> validationErrors, String reviewComment, UUID reviewedBy, Instant submittedAt,
    Instant decisionDeadline, Instant reviewedAt, Instant publishedAt, Instant requestedExpiresAt,
    Instant expiresAt, String approvalWorkflowId, String expirationWorkflowId, ApprovalProgress approval,
    Instant createdAt, Instant updatedAt) {

  static ListingView of(Listing listing) {
    return of(listing, null);
  }

  static ListingView of(ListingService.Found found) {
    return of(found.listing(), found.approval().orElse(null));
  }

  private static ListingView of(Listing listing, ApprovalProgress approval) {
    ListingContent content = listing.content();
    boolean reviewed = listing.submittedAt() != null;
    boolean published = listing.publishedAt() != null;
    return new ListingView(listing.id(), listing.ownerId(), content.title(), content.description(), content.price(),
        content.currency(), content.propertyType(), content.location(), content.images(), content.attributes(),
        listing.status().value(), listing.inReview(), listing.qualityScore(), listing.qualityIssues(),
        listing.validationErrors(), listing.reviewComment(), listing.reviewedBy(), listing.submittedAt(),
        listing.decisionDeadline(), listing.reviewedAt(), listing.publishedAt(), listing.requestedExpiresAt(),
        listing.expiresAt(), reviewed ? listing.approvalWorkflowId() : null,
        published ? listing.expirationWorkflowId() : null, approval, listing.createdAt(), listing.updatedAt());
  }
}
