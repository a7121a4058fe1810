package com.partnerplatform.listing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the search engine: holds what was published, and can be made to fail a number of times. */
final class InMemorySearch implements ListingSearch {

  final Map<UUID, Listing> published = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  void failNext(int times) {
    failuresLeft.set(times);
  }

  @Override
  public void publish(Listing listing) {
    failIfAsked();
    published.put(listing.id(), listing);
  }

  @Override
  public void withdraw(UUID listingId) {
    failIfAsked();
    published.remove(listingId);
  }

  private void failIfAsked() {
    if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new IllegalStateException("search engine unavailable");
    }
  }
}
