package com.partnerplatform.listing;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The reindex as two steps: write every live listing (one long activity that heartbeats its
 * position and resumes from it after a crash), then sweep out what the pass did not write. Its
 * options are its own: a pass over every listing outlasts any of the catalogue's timeouts.
 */
public class SearchReindexWorkflowImpl implements SearchReindexWorkflow {

  private final ReindexActivities activities = Workflow.newActivityStub(ReindexActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofMinutes(1))
              .build())
          .build());

  @Override
  public ReindexResult run() {
    ReindexActivities.Pass pass = activities.indexLiveListings();
    // The index's own clock stamped each write: documents older than the pass were not rewritten.
    long removed = activities.removeIndexedBefore(pass.startedAt());
    return new ReindexResult(pass.indexed(), removed);
  }
}
