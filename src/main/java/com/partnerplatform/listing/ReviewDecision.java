package com.partnerplatform.listing;

import java.util.UUID;

/** A reviewer's decision on a listing: an approval's comment is optional, a rejection's required. */
public record ReviewDecision(UUID reviewerId, String comment) {}
