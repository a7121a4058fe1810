package com.partnerplatform.listing;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.UUID;

@ActivityInterface
public interface ReindexActivities {

  /** Writes every live listing to the index in batches, heartbeating the last one written. */
  Pass indexLiveListings();

  /** Removes documents written before {@code cutoff}; returns how many. */
  long removeIndexedBefore(Instant cutoff);

  /**
   * @param startedAt when the pass began, by this process's clock (the index stamps writes with it)
   * @param lastId the last listing written, for resuming
   */
  record Pass(Instant startedAt, UUID lastId, long indexed) {}
}
