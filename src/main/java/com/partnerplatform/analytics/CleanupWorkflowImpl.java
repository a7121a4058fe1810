package com.partnerplatform.analytics;

import com.partnerplatform.analytics.CleanupActivities.CleanupPlan;
import com.partnerplatform.analytics.CleanupActivities.PurgeProgress;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** Per type: identify → back up and delete in batches (resumable) → log row; then the admins' summary. */
public class CleanupWorkflowImpl implements CleanupWorkflow {

  private static final Logger log = Workflow.getLogger(CleanupWorkflowImpl.class);

  private final CleanupActivities activities = Workflow.newActivityStub(CleanupActivities.class);

  @Override
  public CleanupSummary run(CleanupRequest request) {
    String runId = Workflow.getInfo().getWorkflowId();
    List<CleanupSummary.Part> parts = new ArrayList<>();
    for (CleanupType type : request.type().parts()) {
      CleanupPlan plan = activities.identify(type, request.retentionDays());
      CleanupSummary.Part part;
      if (request.dryRun() || plan.identified() == 0) {
        part = new CleanupSummary.Part(type, plan.cutoff(), plan.identified(), 0, null);
      } else {
        PurgeProgress progress = PurgeProgress.START;
        do {
          progress = activities.purge(plan, runId, progress);
        } while (!progress.done());
        part = new CleanupSummary.Part(type, plan.cutoff(), plan.identified(), progress.deleted(),
            progress.backupDirectory());
      }
      activities.record(runId, request.dryRun(), part);
      log.info("Clean-up of {}{}: {} older than {}, {} deleted", type.key(), request.dryRun() ? " (dry run)" : "",
          part.identified(), part.cutoff(), part.deleted());
      parts.add(part);
    }
    CleanupSummary summary = new CleanupSummary(request.type(), request.dryRun(), parts);
    activities.notifyAdmins(runId, summary);
    return summary;
  }
}
