package com.partnerplatform.analytics;

import io.temporal.activity.ActivityInterface;

@ActivityInterface(namePrefix = "Reconciliation")
public interface ReconciliationActivities {

  /** Runs the owning domain's repair; running it again finds nothing more to repair. */
  ReconciliationResult reconcile(ReconciliationTarget target);

  /** E-mails the admins the differences a payments reconciliation found. */
  void notifyAdmins(String runId, ReconciliationResult result);
}
