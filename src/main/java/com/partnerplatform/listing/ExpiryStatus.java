package com.partnerplatform.listing;

import java.time.Instant;
import java.util.List;

/**
 * Where a live listing's life stands: the {@link ListingExpirationWorkflow}'s {@code getStatus}.
 *
 * @param ended the listing expired or was unpublished
 * @param remindersSent reminder days sent for the current expiry
 * @param nextReminderAt the next reminder, null when none is left
 */
public record ExpiryStatus(Instant expiresAt, boolean ended, List<Integer> remindersSent, Instant nextReminderAt) {}
