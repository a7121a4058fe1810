package com.partnerplatform.listing;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories of the approval workflow recorded on the time-skipping test server by
 * ListingApprovalWorkflowTest (run it with RECORD_LISTING_HISTORIES=src/test/resources/listing to
 * record them again): approved by a reviewer, rejected, a decision while another was being
 * recorded, decided by the score after the review timeout (approved at 0.9 and 0.8, rejected at
 * 0.75 and 0.6), failed validation, withdrawn while pending and while validating, published after
 * search came back, and failed; each once from before the steps ran as local activities
 * ({@code approval-}) and once after ({@code approval-local-}). A change that would break running
 * reviews fails here; such a change needs {@code Workflow.getVersion}.
 */
class ListingApprovalWorkflowReplayTest {

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    // The listings queue's default activity options, which the workflow's stub relies on.
    worker = env.newWorker(ListingWorkflowTesting.LISTINGS_QUEUE);
    worker.registerWorkflowImplementationTypes(ListingWorkflowTesting.LISTING_OPTIONS,
        ListingApprovalWorkflowImpl.class);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"approved", "rejected", "concurrent-decisions", "timeout-0.90", "timeout-0.80",
      "timeout-0.75", "timeout-0.60", "validation-failed", "withdrawn", "withdrawn-while-validating",
      "publish-retried", "failed"})
  void replaysAnExecutionRecordedBeforeTheStepsRanAsLocalActivities(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("listing/approval-" + history + "-history.json", worker);
  }

  @ParameterizedTest
  @ValueSource(strings = {"approved", "rejected", "concurrent-decisions", "timeout-0.90", "timeout-0.80",
      "timeout-0.75", "timeout-0.60", "validation-failed", "withdrawn", "withdrawn-while-validating",
      "publish-retried", "failed"})
  void replaysARecordedExecution(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("listing/approval-local-" + history + "-history.json",
        worker);
  }
}
