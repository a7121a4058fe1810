package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnerplatform.platform.TestHttp;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In dev-server mode the application starts the dev server with its SQLite file under the data
 * directory, serves the Web UI, stops the server when the application stops, and a workflow
 * started before a restart is still there afterwards.
 */
class DevServerModeIT {

  @TempDir
  Path dataDir;

  @Test
  void theDevServerKeepsWorkflowsAcrossApplicationRestarts() {
    Path cli = TemporalTestSupport.cli().orElse(null);
    assumeTrue(cli != null, "needs a temporal CLI: set TEMPORAL_CLI or run scripts/install-tools.sh");
    int frontendPort = TemporalTestSupport.freePort();
    int uiPort = TemporalTestSupport.freePort();
    String[] args = {
        "--platform.temporal.mode=dev-server",
        "--platform.temporal.cli-path=" + cli,
        "--platform.temporal.address=127.0.0.1:" + frontendPort,
        "--platform.temporal.ui-port=" + uiPort,
        "--platform.data-dir=" + dataDir};
    String workflowId = "survives-restart-" + UUID.randomUUID();

    try (ConfigurableApplicationContext app = TemporalTestSupport.startApplication(args)) {
      assertThat(app.getBean(TemporalEngine.class).webUiUrl()).isEqualTo("http://127.0.0.1:" + uiPort);
      TestHttp ui = new TestHttp(uiPort);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .untilAsserted(() -> assertThat(ui.get("/").statusCode()).isEqualTo(200));

      // Nobody polls this task queue, so the server keeps the execution open.
      app.getBean(WorkflowClient.class)
          .newUntypedWorkflowStub("SurvivesRestart", WorkflowOptions.newBuilder()
              .setWorkflowId(workflowId)
              .setTaskQueue("nobody-polls-" + workflowId)
              .build())
          .start();
    }

    assertThat(TemporalTestSupport.listening(frontendPort))
        .as("the dev server stopped with the application").isFalse();
    assertThat(TemporalTestSupport.listening(uiPort)).as("the Web UI stopped with the application").isFalse();

    try (ConfigurableApplicationContext app = TemporalTestSupport.startApplication(args)) {
      WorkflowClient client = app.getBean(WorkflowClient.class);
      WorkflowStub execution = client.newUntypedWorkflowStub(workflowId);
      WorkflowExecutionDescription description = execution.describe();

      assertThat(description.getWorkflowType()).isEqualTo("SurvivesRestart");
      assertThat(description.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      execution.terminate("test finished");
    }
  }
}
