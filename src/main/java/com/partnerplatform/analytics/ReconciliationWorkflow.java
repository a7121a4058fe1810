package com.partnerplatform.analytics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Repairs another domain's workflows from the database; started by the reconcile schedules. */
@WorkflowInterface
public interface ReconciliationWorkflow {

  @WorkflowMethod
  ReconciliationResult run(ReconciliationTarget target);
}
