package com.partnerplatform.listing;

import com.partnerplatform.listing.search.SearchIndex;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
class ReindexActivitiesImpl implements ReindexActivities {

  static final int BATCH_SIZE = 500;

  private final ListingStore listings;
  private final SearchIndex index;
  private final Clock clock;

  ReindexActivitiesImpl(ListingStore listings, SearchIndex index, Clock clock) {
    this.listings = listings;
    this.index = index;
    this.clock = clock;
  }

  @Override
  public Pass indexLiveListings() {
    ActivityExecutionContext context = Activity.getExecutionContext();
    // A retry after a crash goes on from the last batch the previous attempt reported.
    Optional<Pass> resumed = context.getHeartbeatDetails(Pass.class);
    Pass pass = resumed.orElseGet(() -> new Pass(clock.instant(), null, 0));
    while (true) {
      List<Listing> batch = listings.live(pass.lastId(), clock.instant(), BATCH_SIZE);
      if (batch.isEmpty()) {
        return pass;
      }
      index.indexAll(batch.stream().map(ListingDocuments::of).toList());
      pass = new Pass(pass.startedAt(), batch.get(batch.size() - 1).id(), pass.indexed() + batch.size());
      context.heartbeat(pass);
    }
  }

  @Override
  public long removeIndexedBefore(Instant cutoff) {
    return index.removeIndexedBefore(cutoff);
  }
}
