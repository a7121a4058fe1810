package com.partnerplatform.user.notification;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories recorded on the dev server still replay on the current code: a change that would break
 * running notifications fails here instead of in production.
 */
class NotificationWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {
      // e-mail and in-app sent, the webhook answering 500 three times and reported failed
      "webhook-failed-history.json",
      // e-mail opted out, no webhook, in-app delayed by quiet hours and then delivered
      "quiet-hours-opt-out-history.json"})
  void recordedHistoriesReplay(String file) throws Exception {
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Worker worker = environment.newWorker("replay");
      worker.registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder()
          .setDefaultActivityOptions(ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
        .setDefaultLocalActivityOptions(
            LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
          .build(), NotificationWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(history(file), worker);
    }
  }

  private static WorkflowExecutionHistory history(String file) throws IOException {
    try (InputStream in = NotificationWorkflowReplayTest.class.getResourceAsStream("/notifications/" + file)) {
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
