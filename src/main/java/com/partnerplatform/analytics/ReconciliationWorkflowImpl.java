package com.partnerplatform.analytics;

import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

  private static final Logger log = Workflow.getLogger(ReconciliationWorkflowImpl.class);

  private final ReconciliationActivities activities = Workflow.newActivityStub(ReconciliationActivities.class);

  @Override
  public ReconciliationResult run(ReconciliationTarget target) {
    ReconciliationResult result = activities.reconcile(target);
    log.info("Reconciliation of {}: {} restarted, {} expired{}{}", target, result.restarted(), result.expired(),
        result.payments() == null ? "" : ", " + result.payments(), result.note() == null ? "" : " (" + result.note() + ")");
    // Only payments runs have a figure (none ran before it existed): histories of the others replay unchanged.
    if (result.payments() != null && result.payments().differences() > 0) {
      activities.notifyAdmins(Workflow.getInfo().getWorkflowId(), result);
    }
    return result;
  }
}
