package com.partnerplatform.listing;

import com.partnerplatform.listing.search.SearchIndex;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link ListingSearch} over the configured search engine. */
@Component
class IndexedListingSearch implements ListingSearch {

  private final SearchIndex index;

  IndexedListingSearch(SearchIndex index) {
    this.index = index;
  }

  @Override
  public void publish(Listing listing) {
    index.index(ListingDocuments.of(listing));
  }

  @Override
  public void withdraw(UUID listingId) {
    index.remove(listingId);
  }
}
