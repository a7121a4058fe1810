package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The report workflow with mocked activities. */
class ReportWorkflowTest {

  private final ReportActivities activities = mock(ReportActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(AnalyticsTestSupport.ANALYTICS_QUEUE);
    worker.registerWorkflowImplementationTypes(AnalyticsTestSupport.ANALYTICS_OPTIONS, ReportWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    when(activities.gather(any(), any(), any())).thenAnswer(invocation -> new ReportFigures(
        invocation.getArgument(0), invocation.getArgument(1), invocation.getArgument(2), Instant.EPOCH,
        null, null, null, null, null));
    when(activities.store(any(), any(), any())).thenReturn(new ReportActivities.StoredFiles(1000, 100));
    when(activities.email(any())).thenReturn("Sent to admin@example.com with the PDF attached.");
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aRequestedPeriodIsGatheredStoredAndEmailedInThatOrder() {
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-11-08T00:00:00Z");

    ReportResult result = workflow("report-" + UUID.randomUUID()).run(new ReportRequest(ReportType.SALES, from, to));

    InOrder order = inOrder(activities);
    order.verify(activities).gather(ReportType.SALES, from, to);
    ArgumentCaptor<UUID> reportId = ArgumentCaptor.forClass(UUID.class);
    order.verify(activities).store(reportId.capture(), any(), any());
    order.verify(activities).email(reportId.getValue());
    assertThat(result).isEqualTo(new ReportResult(reportId.getValue(), ReportType.SALES, from, to, 1000, 100,
        "Sent to admin@example.com with the PDF attached."));
  }

  @Test
  void aScheduledRunCoversTheDayBeforeItStartedToTheMinute() {
    String workflowId = "daily-report-" + UUID.randomUUID();
    Instant started = Instant.ofEpochMilli(env.currentTimeMillis());

    ReportResult result = workflow(workflowId).run(new ReportRequest(ReportType.PLATFORM, null, null));

    Instant to = started.truncatedTo(ChronoUnit.MINUTES);
    assertThat(result.to()).isIn(to, to.plus(Duration.ofMinutes(1)));
    assertThat(result.from()).isEqualTo(result.to().minus(Duration.ofDays(1)));
    verify(activities).store(eq(result.reportId()), eq(workflowId), any());
  }

  private ReportWorkflow workflow(String workflowId) {
    return env.getWorkflowClient().newWorkflowStub(ReportWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(AnalyticsTestSupport.ANALYTICS_QUEUE)
        .build());
  }
}
