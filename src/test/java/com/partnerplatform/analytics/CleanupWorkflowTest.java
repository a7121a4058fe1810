package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.analytics.CleanupActivities.CleanupPlan;
import com.partnerplatform.analytics.CleanupActivities.PurgeProgress;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clean-up workflow with mocked activities. */
class CleanupWorkflowTest {

  private static final Instant CUTOFF = Instant.parse("2026-08-28T02:00:00Z");

  private final CleanupActivities activities = mock(CleanupActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(AnalyticsTestSupport.ANALYTICS_QUEUE);
    worker.registerWorkflowImplementationTypes(AnalyticsTestSupport.ANALYTICS_OPTIONS, CleanupWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    when(activities.identify(any(), any())).thenAnswer(invocation ->
        new CleanupPlan(invocation.getArgument(0), CUTOFF, 250));
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void purgingContinuesUntilDoneThenLogsAndTellsTheAdmins() {
    when(activities.purge(any(), anyString(), any())).thenReturn(
        new PurgeProgress(2, 200, false, "/backups/x/sessions"),
        new PurgeProgress(3, 250, true, "/backups/x/sessions"));
    String id = "cleanup-" + UUID.randomUUID();

    CleanupSummary summary = workflow(id).run(new CleanupRequest(CleanupType.SESSIONS, 30, false));

    CleanupSummary.Part part = new CleanupSummary.Part(CleanupType.SESSIONS, CUTOFF, 250, 250, "/backups/x/sessions");
    assertThat(summary).isEqualTo(new CleanupSummary(CleanupType.SESSIONS, false, List.of(part)));
    verify(activities).identify(CleanupType.SESSIONS, 30);
    verify(activities).purge(any(), eq(id), eq(PurgeProgress.START));
    verify(activities).purge(any(), eq(id), eq(new PurgeProgress(2, 200, false, "/backups/x/sessions")));
    verify(activities).record(id, false, part);
    verify(activities).notifyAdmins(id, summary);
  }

  @Test
  void aDryRunCountsWithoutDeleting() {
    CleanupSummary summary = workflow("cleanup-" + UUID.randomUUID())
        .run(new CleanupRequest(CleanupType.NOTIFICATIONS, null, true));

    assertThat(summary.dryRun()).isTrue();
    assertThat(summary.parts()).singleElement().satisfies(part -> {
      assertThat(part.identified()).isEqualTo(250);
      assertThat(part.deleted()).isZero();
    });
    verify(activities, never()).purge(any(), anyString(), any());
    verify(activities).notifyAdmins(anyString(), eq(summary));
  }

  @Test
  void allCleansEachTypeWithItsOwnRetention() {
    when(activities.purge(any(), anyString(), any())).thenReturn(new PurgeProgress(3, 250, true, "/b"));

    CleanupSummary summary = workflow("weekly-cleanup-" + UUID.randomUUID())
        .run(new CleanupRequest(CleanupType.ALL, null, false));

    assertThat(summary.parts()).extracting(CleanupSummary.Part::type).containsExactly(CleanupType.SESSIONS,
        CleanupType.NOTIFICATIONS, CleanupType.LOGS, CleanupType.TEMP_FILES);
    verify(activities, times(4)).identify(any(), eq(null));
    verify(activities, times(4)).record(anyString(), eq(false), any());
  }

  private CleanupWorkflow workflow(String workflowId) {
    return env.getWorkflowClient().newWorkflowStub(CleanupWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(AnalyticsTestSupport.ANALYTICS_QUEUE)
        .build());
  }
}
