package com.partnerplatform.analytics;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** The side effects of the clean-up workflow (catalogue entry {@code cleanup}: VERY_LONG, EXTENDED). */
@ActivityInterface(namePrefix = "Cleanup")
public interface CleanupActivities {

  /** The cutoff (now minus the retention: the given days, else the type's configured one) and what is older. */
  CleanupPlan identify(CleanupType type, Integer retentionDays);

  /**
   * Backs up and deletes what is older than the plan's cutoff, batch by batch, from where
   * {@code progress} (or the heartbeat of a failed attempt) left off. Each batch is written to its
   * backup file before it is deleted, so a crash at any point is resumed without deleting
   * anything twice or skipping anything. Returns before the attempt's time runs out; call again
   * until done.
   *
   * @param runId the clean-up's workflow id: the backups go to {@code <backup-directory>/<runId>/<type>/}
   */
  PurgeProgress purge(CleanupPlan plan, String runId, PurgeProgress progress);

  /** Writes the log row of one type's clean-up, once. */
  void record(String runId, boolean dryRun, CleanupSummary.Part part);

  /** E-mails the summary to the admins. */
  void notifyAdmins(String runId, CleanupSummary summary);

  record CleanupPlan(CleanupType type, Instant cutoff, long identified) {}

  /**
   * @param batches batches backed up and deleted so far
   * @param deleted items in those batches
   * @param backupDirectory where their backup files are
   */
  record PurgeProgress(int batches, long deleted, boolean done, String backupDirectory) {

    static final PurgeProgress START = new PurgeProgress(0, 0, false, null);
  }
}
