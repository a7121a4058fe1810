package com.partnerplatform.analytics;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded histories of the analytics workflows, from the dev server (ScheduleApiIT, AnalyticsApiIT
 * and ReminderApiIT against PostgreSQL): a reconciliation started by its schedule, a payments
 * reconciliation triggered with differences to e-mail, the daily report
 * started by a trigger of its schedule and one on demand, a clean-up that deleted and a dry run, a
 * reminder sent and one cancelled. A change that would break running executions fails here; such a
 * change needs {@code Workflow.getVersion}.
 */
class AnalyticsWorkflowReplayTest {

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker(AnalyticsTestSupport.ANALYTICS_QUEUE);
    worker.registerWorkflowImplementationTypes(AnalyticsTestSupport.ANALYTICS_OPTIONS,
        ReconciliationWorkflowImpl.class, ReportWorkflowImpl.class, CleanupWorkflowImpl.class,
        ReminderWorkflowImpl.class);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reconciliation-subscriptions", "reconciliation-payments", "report-daily-scheduled", "report-on-demand",
      "cleanup-sessions-deleted", "cleanup-sessions-dry-run", "reminder-sent", "reminder-cancelled"})
  void replaysARecordedExecution(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("analytics/" + history + "-history.json", worker);
  }
}
