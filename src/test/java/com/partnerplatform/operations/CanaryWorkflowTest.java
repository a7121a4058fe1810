package com.partnerplatform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CanaryWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder()
              .setDefaultActivityOptions(ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .build())
              .build(),
          CanaryWorkflowImpl.class)
      .setActivityImplementations(new CanaryActivitiesImpl())
      .build();

  @Test
  void reportsTheQueueItsWorkflowAndActivityRanOn(CanaryWorkflow canary, Worker worker) {
    CanaryReport report = canary.run();

    assertThat(report.workflowTaskQueue()).isEqualTo(worker.getTaskQueue());
    assertThat(report.activityTaskQueue()).isEqualTo(worker.getTaskQueue());
  }

  /** Recorded from a canary on the dev server; a non-deterministic change to the workflow fails here. */
  @Test
  void replaysARecordedExecution(Worker worker) throws Exception {
    // The extension's worker carries the default activity options the workflow relies on.
    WorkflowReplayer.replayWorkflowExecutionFromResource("operations/canary-workflow-history.json", worker);
  }
}
