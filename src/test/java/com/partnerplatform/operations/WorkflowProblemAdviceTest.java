package com.partnerplatform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class WorkflowProblemAdviceTest {

  private static final WorkflowExecution EXECUTION =
      WorkflowExecution.newBuilder().setWorkflowId("order-42").setRunId("run-1").build();

  @Test
  void unreachableServerIsServiceUnavailable() {
    assertProblem(new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io exception")),
        503, "TEMPORAL_UNAVAILABLE");
    assertProblem(new WorkflowServiceException(EXECUTION, "Order",
            new StatusRuntimeException(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 10s"))),
        503, "TEMPORAL_UNAVAILABLE");
  }

  @Test
  void unknownExecutionIsNotFoundAndNamesIt() {
    ProblemDetail problem = assertProblem(new WorkflowNotFoundException(EXECUTION, "Order",
        new StatusRuntimeException(Status.NOT_FOUND)), 404, "WORKFLOW_NOT_FOUND");

    assertThat(problem.getDetail()).contains("order-42");
  }

  @Test
  void failedQueryShowsTheWorkflowsMessageWithoutItsStackTrace() {
    String rendered = "java.lang.IllegalArgumentException: Unknown query type: nope, knownTypes=[items]\n"
        + "\tat io.temporal.internal.sync.QueryDispatcher.handleQuery(QueryDispatcher.java:92)\n";
    ProblemDetail problem = assertProblem(new WorkflowQueryException(EXECUTION, "Order",
        new StatusRuntimeException(Status.INVALID_ARGUMENT.withDescription(rendered))), 400, "QUERY_FAILED");

    assertThat(problem.getDetail()).isEqualTo("Unknown query type: nope, knownTypes=[items]");
  }

  @Test
  void rejectedUpdateShowsTheValidatorsMessage() {
    ProblemDetail problem = assertProblem(new WorkflowUpdateException(EXECUTION, "update-1", "addAndCount",
        ApplicationFailure.newFailure("item must not be blank", "java.lang.IllegalArgumentException")),
        400, "UPDATE_FAILED");

    assertThat(problem.getDetail()).isEqualTo("item must not be blank");
  }

  @Test
  void updateThatDoesNotFinishInTimeIsAGatewayTimeoutNotAnOutage() {
    assertProblem(new WorkflowUpdateTimeoutOrCancelledException(EXECUTION, "update-1", "addAndCount",
        new StatusRuntimeException(Status.DEADLINE_EXCEEDED)), 504, "UPDATE_TIMEOUT");
  }

  @Test
  void otherRefusalsAreABadGatewayWithoutInternals() {
    ProblemDetail problem = assertProblem(
        new StatusRuntimeException(Status.PERMISSION_DENIED.withDescription("namespace is read-only")),
        502, "TEMPORAL_ERROR");

    assertThat(problem.getDetail()).isEqualTo("Temporal refused the operation: namespace is read-only");
  }

  private static ProblemDetail assertProblem(RuntimeException e, int status, String code) {
    ProblemDetail problem = WorkflowProblemAdvice.problemFor(e);
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getProperties()).containsEntry("code", code);
    assertThat(problem.getDetail()).doesNotContain("\tat ", "Exception");
    return problem;
  }
}
