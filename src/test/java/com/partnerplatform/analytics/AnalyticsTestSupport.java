package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import com.partnerplatform.platform.temporal.ApplicationYaml;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.Map;
import java.util.stream.Collectors;

/** What the workers apply on the analytics queue, for workflow tests. */
final class AnalyticsTestSupport {

  static final String ANALYTICS_QUEUE = "analytics-test";
  static final String USERS_QUEUE = "users-test";
  static final TemporalSettings TEMPORAL = ApplicationYaml.withOverrides("""
      platform.temporal.task-queues:
        analytics: %s
        users: %s
      """.formatted(ANALYTICS_QUEUE, USERS_QUEUE)).bind("platform.temporal", TemporalSettings.class).get();
  private static final ActivityOptionsCatalog CATALOG = new ActivityOptionsCatalog(TEMPORAL);

  /** The analytics options (LONG, STANDARD), and the cleanup options for the clean-up activities. */
  static final WorkflowImplementationOptions ANALYTICS_OPTIONS = WorkflowImplementationOptions.newBuilder()
      .setDefaultActivityOptions(CATALOG.named(DomainQueue.ANALYTICS.defaultActivityOptions()))
      .setActivityOptions(AnalyticsConfiguration.CLEANUP_OPTIONS.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, entry -> CATALOG.named(entry.getValue()))))
      .build();

  private AnalyticsTestSupport() {}
}
