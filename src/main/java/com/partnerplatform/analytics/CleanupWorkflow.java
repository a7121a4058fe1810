package com.partnerplatform.analytics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Identifies, backs up and deletes old data in batches, then tells the admins. */
@WorkflowInterface
public interface CleanupWorkflow {

  @WorkflowMethod
  CleanupSummary run(CleanupRequest request);
}
