package com.partnerplatform.listing;

import java.util.UUID;

/**
 * What the listing activities need of the search engine: a live listing in, an ended one out. Both
 * are idempotent; a failure of the engine throws, so that the activity is retried.
 */
interface ListingSearch {

  /** Adds the listing, or replaces what the index holds of it. */
  void publish(Listing listing);

  /** Takes the listing out; nothing happens when it is not there. */
  void withdraw(UUID listingId);
}
