package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

  /** The analytics workflows on the analytics queue, whose activities default to the analytics options. */
  @Bean
  WorkerRegistration analyticsWorkers(ReconciliationActivitiesImpl reconciliation, ReportActivitiesImpl reports,
      CleanupActivitiesImpl cleanup, ReminderActivitiesImpl reminders) {
    return new WorkerRegistration(Set.of(DomainQueue.ANALYTICS),
        List.of(ReconciliationWorkflowImpl.class, ReportWorkflowImpl.class, CleanupWorkflowImpl.class,
            ReminderWorkflowImpl.class),
        List.of(reconciliation, reports, cleanup, reminders), CLEANUP_OPTIONS);
  }

  /**
   * The clean-up activities run long and retry long: the {@code cleanup} options (VERY_LONG,
   * EXTENDED); the purge also with a heartbeat timeout ({@code cleanup-purge}).
   */
  static final Map<String, String> CLEANUP_OPTIONS = Map.of("CleanupIdentify", "cleanup",
      "CleanupPurge", "cleanup-purge", "CleanupRecord", "cleanup", "CleanupNotifyAdmins", "cleanup");

  /** Sessions and read notifications in the database, rotated logs, report scratch files. */
  @Bean
  CleanupActivitiesImpl cleanupActivities(CleanupProperties cleanup, ReportProperties reports, JdbcClient jdbc,
      AnalyticsMail mail, Clock clock) {
    return new CleanupActivitiesImpl(List.of(TableCleanupTarget.sessions(jdbc), TableCleanupTarget.notifications(jdbc),
        FileCleanupTarget.logs(cleanup.logFile()), FileCleanupTarget.tempFiles(reports.scratchDirectory())),
        cleanup, jdbc, mail, clock);
  }
}
