package com.partnerplatform.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of the {@code listings} table with its images.
 *
 * @param inReview submitted and not yet decided: the content cannot change
 * @param qualityIssues the automated checks' findings
 * @param validationErrors the rules the last submitted content broke
 * @param reviewedBy the reviewer who decided, null when the review timeout decided
 * @param requestedExpiresAt the expiry the partner asked for, null for the default lifetime
 */
public record Listing(UUID id, UUID ownerId, ListingContent content, ListingStatus status, boolean inReview,
    BigDecimal qualityScore, List<String> qualityIssues, List<String> validationErrors, String reviewComment,
    UUID reviewedBy, Instant requestedExpiresAt, Instant submittedAt, Instant decisionDeadline, Instant reviewedAt,
    Instant publishedAt, Instant expiresAt, Instant createdAt, Instant updatedAt) {

  public Listing {
    qualityIssues = qualityIssues == null ? List.of() : List.copyOf(qualityIssues);
    validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
  }

  public String approvalWorkflowId() {
    return ListingWorkflowIds.approval(id);
  }

  public String expirationWorkflowId() {
    return ListingWorkflowIds.expiration(id);
  }
}
