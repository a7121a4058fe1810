package com.partnerplatform.analytics;

import java.time.Instant;
import java.util.List;

/** What a clean-up run removed (or, dry, would remove), per type. */
public record CleanupSummary(CleanupType type, boolean dryRun, List<Part> parts) {

  /**
   * @param cutoff what is older than this was removed
   * @param identified what matched when the run started
   * @param deleted what this run deleted (0 when dry)
   * @param backupDirectory where the gzip JSON lines of the deleted items are, or null
   */
  public record Part(CleanupType type, Instant cutoff, long identified, long deleted, String backupDirectory) {}
}
