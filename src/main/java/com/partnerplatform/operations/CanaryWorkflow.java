package com.partnerplatform.operations;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A diagnostic round trip through one task queue: a workflow task and one activity task, both
 * served by whichever worker polls the queue the canary was started on.
 */
@WorkflowInterface
public interface CanaryWorkflow {

  @WorkflowMethod
  CanaryReport run();
}
