package com.partnerplatform.listing;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rebuilds the search index from the database, id {@code search-reindex} on the listings queue:
 * every live listing is written again in batches, then whatever the index holds beyond them goes,
 * so an index that was lost or drifted heals itself.
 */
@WorkflowInterface
public interface SearchReindexWorkflow {

  @WorkflowMethod
  ReindexResult run();

  /**
   * @param indexed live listings written to the index
   * @param removed documents removed because no live listing backs them any more
   */
  record ReindexResult(long indexed, long removed) {}
}
