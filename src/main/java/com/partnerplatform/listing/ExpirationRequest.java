package com.partnerplatform.listing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The input of {@link ListingExpirationWorkflow}, also what it continues as new with.
 *
 * @param reminderDays days before expiry on which the partner is reminded
 * @param remindersSent the reminder days already sent for this {@code expiresAt}
 * @param notificationTaskQueue the users queue, where notifications run
 * @param maxRenewalDays the most days one renewal may add
 */
public record ExpirationRequest(UUID listingId, UUID ownerId, Instant expiresAt, List<Integer> reminderDays,
    List<Integer> remindersSent, String notificationTaskQueue, int maxRenewalDays) {}
