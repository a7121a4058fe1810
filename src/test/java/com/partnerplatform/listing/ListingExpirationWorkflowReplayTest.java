package com.partnerplatform.listing;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories of the expiration workflow recorded on the time-skipping test server by
 * ListingExpirationWorkflowTest (run it with RECORD_LISTING_HISTORIES=src/test/resources/listing to
 * record them again): reminded and expired, renewed and expired at the new expiry, unpublished, and
 * a run continued from its predecessor that continues as new in turn. A change that would break
 * running listings fails here; such a change needs {@code Workflow.getVersion}.
 */
class ListingExpirationWorkflowReplayTest {

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    // The listings queue's default activity options, which the workflow's stub relies on.
    worker = env.newWorker(ListingWorkflowTesting.LISTINGS_QUEUE);
    worker.registerWorkflowImplementationTypes(ListingWorkflowTesting.LISTING_OPTIONS,
        ListingExpirationWorkflowImpl.class);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reminded-expired", "renewed-expired", "unpublished", "continued-as-new"})
  void replaysARecordedExecution(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("listing/expiration-" + history + "-history.json", worker);
  }
}
