package com.partnerplatform.listing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The input of {@link ListingApprovalWorkflow}: the listing and the terms in force when it was
 * submitted (a change of configuration does not touch reviews already running).
 *
 * @param reviewTimeout how long reviewers have to decide (seed: 48 h)
 * @param autoApprovalThreshold the score at or above which the timeout approves (seed: 0.8)
 * @param activeFor how long an approved listing stays live unless it asked for an earlier expiry
 * @param reminderDays days before expiry on which the partner is reminded (seed: 7 and 1)
 * @param notificationTaskQueue the users queue, where notifications run
 * @param maxRenewalDays the most days one renewal of the approved listing may add
 */
public record ApprovalRequest(UUID listingId, UUID ownerId, Duration reviewTimeout, BigDecimal autoApprovalThreshold,
    Duration activeFor, List<Integer> reminderDays, String notificationTaskQueue, int maxRenewalDays) {

  /** The review of a listing under the configured terms. */
  public static ApprovalRequest of(UUID listingId, UUID ownerId, ListingProperties terms,
      String notificationTaskQueue) {
    return new ApprovalRequest(listingId, ownerId, terms.manualReviewTimeout(),
        BigDecimal.valueOf(terms.autoApprovalThreshold()), Duration.ofDays(terms.activeDays()),
        List.copyOf(terms.expirationReminderDays()), notificationTaskQueue, terms.maxRenewalDays());
  }
}
