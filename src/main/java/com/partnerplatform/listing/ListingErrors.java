package com.partnerplatform.listing;

import java.util.Set;

/** Problem codes of the listing domain, among them those its update validators refuse with. */
final class ListingErrors {

  /** A decision or withdrawal on a listing that is not pending review (409). */
  static final String NOT_PENDING = "LISTING_NOT_PENDING_REVIEW";
  /** A reviewer deciding on their own listing (403). */
  static final String OWN_LISTING = "OWN_LISTING";
  /** A withdrawal by someone other than the listing's owner (403). */
  static final String NOT_OWNER = "NOT_LISTING_OWNER";
  /** A rejection needs a comment for the partner (400). */
  static final String COMMENT_REQUIRED = "COMMENT_REQUIRED";
  /** A renewal or unpublishing of a listing that is not live (409). */
  static final String NOT_LIVE = "LISTING_NOT_LIVE";
  /** A renewal by a number of days outside the allowed range (400). */
  static final String INVALID_RENEWAL = "INVALID_RENEWAL";

  static final Set<String> REFUSALS =
      Set.of(NOT_PENDING, OWN_LISTING, NOT_OWNER, COMMENT_REQUIRED, NOT_LIVE, INVALID_RENEWAL);

  /** An activity's listing does not exist (non-retryable). */
  static final String NOT_FOUND = "LISTING_NOT_FOUND";
  /**
   * An activity found the listing in a status its step cannot follow, e.g. a review step on a
   * listing no longer under review (non-retryable: the table and the workflow disagree).
   */
  static final String STATE_CONFLICT = "LISTING_STATE_CONFLICT";
  /** An accepted renewal whose new expiry could not be written (the update fails; the expiry stays). */
  static final String RENEWAL_FAILED = "LISTING_RENEWAL_FAILED";

  private ListingErrors() {}
}
