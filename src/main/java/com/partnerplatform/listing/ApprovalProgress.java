package com.partnerplatform.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a review stands: the {@link ListingApprovalWorkflow}'s {@code getStatus} and result.
 *
 * @param step what the workflow does or did last: validating, scoring, pending_review (waiting for
 *     a decision), deciding (recording it), publishing, publish_pending (approved, but the search
 *     engine failed: publishing is retried with growing pauses), notifying, done, failed
 * @param status the listing's status as the review has it
 * @param decidedByTimeout nobody decided in time: the score did
 * @param expiresAt when an approved listing expires
 */
public record ApprovalProgress(String step, ListingStatus status, BigDecimal qualityScore, List<String> qualityIssues,
    List<String> validationErrors, Instant submittedAt, Instant decisionDeadline, String reviewComment,
    UUID reviewedBy, boolean decidedByTimeout, Instant expiresAt) {}
