package com.partnerplatform.operations;

import com.partnerplatform.platform.web.Problems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.TemporalException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns what the Temporal client throws into problems: an unreachable server is a 503, an unknown
 * execution a 404, a failed query or update a 400 with the workflow's own message. Ordered before
 * the application-wide handler, whose catch-all would otherwise answer 500.
 */
@RestControllerAdvice(assignableTypes = {WorkflowOperationsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkflowProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(WorkflowProblemAdvice.class);

  @ExceptionHandler({TemporalException.class, StatusRuntimeException.class})
  ResponseEntity<ProblemDetail> temporal(RuntimeException e) {
    ProblemDetail problem = problemFor(e);
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  static ProblemDetail problemFor(RuntimeException e) {
    Optional<Status.Code> code = TemporalErrors.grpcCode(e);
    String message = TemporalErrors.message(e);
    if (e instanceof WorkflowUpdateTimeoutOrCancelledException) {
      return Problems.of(HttpStatus.GATEWAY_TIMEOUT, "UPDATE_TIMEOUT",
          "The update was not accepted or did not finish in time: " + message);
    }
    if (code.filter(c -> c == Status.Code.UNAVAILABLE || c == Status.Code.DEADLINE_EXCEEDED).isPresent()) {
      return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORAL_UNAVAILABLE",
          "Temporal did not answer in time: " + message);
    }
    if (e instanceof WorkflowNotFoundException || code.filter(c -> c == Status.Code.NOT_FOUND).isPresent()) {
      return Problems.of(HttpStatus.NOT_FOUND, "WORKFLOW_NOT_FOUND", "No such workflow execution"
          + (e instanceof WorkflowException workflow ? ": " + workflow.getExecution().getWorkflowId() : "")
          + ".");
    }
    if (e instanceof WorkflowQueryException) {
      return Problems.of(HttpStatus.BAD_REQUEST, "QUERY_FAILED", message);
    }
    if (e instanceof WorkflowUpdateException) {
      return Problems.of(HttpStatus.BAD_REQUEST, "UPDATE_FAILED", message);
    }
    if (code.filter(c -> c == Status.Code.INVALID_ARGUMENT).isPresent()) {
      return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message);
    }
    log.warn("Temporal refused a workflow operation", e);
    return Problems.of(HttpStatus.BAD_GATEWAY, "TEMPORAL_ERROR", "Temporal refused the operation: " + message);
  }
}
