package com.partnerplatform.listing;

import java.util.Locale;
import java.util.Set;

/** Where a listing stands (the seed's listing statuses), stored by {@link #value()}. */
public enum ListingStatus {
  /** Being written by its partner; not submitted, or withdrawn from review. */
  DRAFT,
  /** Passed validation and the automated checks; waits for a reviewer or the review timeout. */
  PENDING_REVIEW,
  /** Live: searchable until it expires. */
  APPROVED,
  /** A reviewer (or the review timeout) turned it down; the partner may edit and resubmit. */
  REJECTED,
  /** Its time ran out or its partner unpublished it: no longer searchable. */
  EXPIRED,
  /** Broke validation rules on submit; the partner may edit and resubmit. */
  VALIDATION_FAILED,
  /** Approval stopped on an unexpected failure. */
  ERROR;

  /** The statuses in which the partner may change the content and submit it. */
  public static final Set<ListingStatus> EDITABLE = Set.of(DRAFT, REJECTED, VALIDATION_FAILED);

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ListingStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
