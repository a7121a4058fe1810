package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** A query that no worker answers gives up after the configured timeout. */
class BoundedQueriesTest {

  @Test
  void aQueryWithoutWorkersFailsWithinTheTimeout() {
    Binder binder = ApplicationYaml.withOverrides("platform: { temporal: { query-timeout: 500ms } }");
    BoundedQueries queries = new BoundedQueries(binder.bindOrCreate("platform.temporal", TemporalSettings.class));
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      WorkflowClient client = environment.getWorkflowClient();
      WorkflowStub stub = client.newUntypedWorkflowStub("Unpolled",
          WorkflowOptions.newBuilder().setWorkflowId("bounded-query").setTaskQueue("nobody-polls").build());
      stub.start();

      long started = System.nanoTime();
      assertThatThrownBy(() -> queries.query(() -> stub.query("status", String.class)))
          .isInstanceOf(WorkflowException.class)
          .satisfies(e -> assertThat(deadlineExceeded(e)).isTrue());
      assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    } finally {
      queries.destroy();
    }
  }

  private static boolean deadlineExceeded(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return true;
      }
    }
    return false;
  }
}
