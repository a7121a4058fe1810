package com.partnerplatform.operations;

import io.temporal.workflow.Workflow;

/** Runs the canary activity once; the activity is scheduled on the workflow's own task queue. */
public class CanaryWorkflowImpl implements CanaryWorkflow {

  private final CanaryActivities activities = Workflow.newActivityStub(CanaryActivities.class);

  @Override
  public CanaryReport run() {
    return new CanaryReport(Workflow.getInfo().getTaskQueue(), activities.servingTaskQueue());
  }
}
