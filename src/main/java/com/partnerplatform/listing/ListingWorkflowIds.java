package com.partnerplatform.listing;

import java.util.UUID;

/** The business keys of the listing domain's workflows: one approval and one expiry per listing. */
public final class ListingWorkflowIds {

  private ListingWorkflowIds() {}

  public static String approval(UUID listingId) {
    return "listing-approval-" + listingId;
  }

  public static String expiration(UUID listingId) {
    return "listing-expiration-" + listingId;
  }

  public static final String REINDEX = "search-reindex";
}
