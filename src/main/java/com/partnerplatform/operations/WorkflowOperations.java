package com.partnerplatform.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.partnerplatform.platform.temporal.BoundedQueries;
import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.web.ApiException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Generic operations on any workflow execution, whatever its type: list, describe, read the history,
 * signal, query, update, cancel and terminate. Arguments and results are untyped JSON.
 */
@Service
class WorkflowOperations {

  static final int MAX_PAGE_SIZE = 100;
  /** How long an accepted update may run before the caller gets a timeout instead of its result. */
  static final Duration UPDATE_RESULT_TIMEOUT = Duration.ofSeconds(30);
  private static final String RUNNING = label(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

  private final WorkflowClient client;
  private final BoundedQueries queries;
  private final TemporalEngine engine;

  WorkflowOperations(WorkflowClient client, TemporalEngine engine, BoundedQueries queries) {
    this.client = client;
    this.queries = queries;
    this.engine = engine;
  }

  WorkflowPage list(String query, int pageSize, String nextPageToken) {
    if (!engine.supportsServerFeatures()) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "NOT_SUPPORTED_BY_ENGINE",
          "Listing executions runs a visibility query, which needs a Temporal server; this process"
              + " uses the in-memory engine. Set platform.temporal.mode to dev-server or external.");
    }
    ListWorkflowExecutionsRequest.Builder request = ListWorkflowExecutionsRequest.newBuilder()
        .setNamespace(namespace())
        .setPageSize(pageSize)
        .setQuery(query);
    if (nextPageToken != null && !nextPageToken.isBlank()) {
      request.setNextPageToken(ByteString.copyFrom(decodePageToken(nextPageToken)));
    }
    ListWorkflowExecutionsResponse response;
    try {
      response = service().listWorkflowExecutions(request.build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw ApiException.badRequest("INVALID_QUERY", e.getStatus().getDescription());
      }
      throw e;
    }
    List<WorkflowSummary> items = response.getExecutionsList().stream().map(WorkflowOperations::summary).toList();
    ByteString next = response.getNextPageToken();
    return new WorkflowPage(items,
        next.isEmpty() ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(next.toByteArray()));
  }

  WorkflowDetails describe(String workflowId, String runId) {
    DescribeWorkflowExecutionResponse response;
    try {
      response = service().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace(namespace())
          .setExecution(WorkflowExecution.newBuilder()
              .setWorkflowId(workflowId)
              .setRunId(runId == null ? "" : runId))
          .build());
    } catch (StatusRuntimeException e) {
      throw notFoundOr(e, workflowId, runId);
    }
    WorkflowExecutionInfo info = response.getWorkflowExecutionInfo();
    return new WorkflowDetails(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        label(info.getStatus()),
        info.getTaskQueue(),
        instant(info.hasStartTime(), info.getStartTime()),
        instant(info.hasCloseTime(), info.getCloseTime()),
        info.getHistoryLength(),
        response.getPendingActivitiesList().stream().map(WorkflowOperations::pendingActivity).toList(),
        response.getPendingChildrenCount());
  }

  String historyJson(String workflowId, String runId) {
    try {
      return client.fetchHistory(workflowId, runId).toJson(true);
    } catch (StatusRuntimeException e) {
      throw notFoundOr(e, workflowId, runId);
    }
  }

  void signal(String workflowId, String signalName, Object[] arguments) {
    whileRunning(workflowId, () -> {
      stub(workflowId).signal(signalName, arguments);
      return null;
    });
  }

  /** Queries also answer for closed executions: a worker replays the history to serve them. */
  String query(String workflowId, String queryName, Object[] arguments) {
    return WorkflowArguments.toJson(queries.query(() -> stub(workflowId).query(queryName, JsonNode.class, arguments)));
  }

  /** Waits until the workflow accepts the update, then at most {@link #UPDATE_RESULT_TIMEOUT} for its result. */
  String update(String workflowId, String updateName, Object[] arguments) {
    JsonNode result = whileRunning(workflowId, () -> stub(workflowId)
        .startUpdate(updateName, WorkflowUpdateStage.ACCEPTED, JsonNode.class, arguments)
        .getResult(UPDATE_RESULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    return WorkflowArguments.toJson(result);
  }

  void cancel(String workflowId) {
    whileRunning(workflowId, () -> {
      stub(workflowId).cancel();
      return null;
    });
  }

  void terminate(String workflowId, String reason) {
    whileRunning(workflowId, () -> {
      stub(workflowId).terminate(reason);
      return null;
    });
  }

  private WorkflowStub stub(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  /**
   * Runs an action against the current run of the workflow, refusing a run that has closed. The
   * check comes first because engines differ: the in-memory one accepts a cancel of a closed run
   * silently, a server answers "not found" as for an unknown id.
   */
  private <T> T whileRunning(String workflowId, Supplier<T> action) {
    requireRunning(workflowId);
    try {
      return action.get();
    } catch (WorkflowNotFoundException e) {
      requireRunning(workflowId); // it may have closed since the check
      throw e;
    }
  }

  private void requireRunning(String workflowId) {
    String status = describe(workflowId, null).status();
    if (!RUNNING.equals(status)) {
      throw ApiException.conflict("WORKFLOW_NOT_RUNNING",
          "Workflow " + workflowId + " is no longer running (status " + status + ").");
    }
  }

  private static RuntimeException notFoundOr(StatusRuntimeException e, String workflowId, String runId) {
    if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
      return e;
    }
    return ApiException.notFound("WORKFLOW_NOT_FOUND", "No workflow execution with id " + workflowId
        + (runId == null ? "" : " and run id " + runId) + ".");
  }

  private static byte[] decodePageToken(String token) {
    try {
      return Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_PAGE_TOKEN",
          "nextPageToken must be a token returned by a previous page, unchanged.");
    }
  }

  private WorkflowServiceBlockingStub service() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private String namespace() {
    return client.getOptions().getNamespace();
  }

  private static WorkflowSummary summary(WorkflowExecutionInfo info) {
    return new WorkflowSummary(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        label(info.getStatus()),
        info.getTaskQueue(),
        instant(info.hasStartTime(), info.getStartTime()),
        instant(info.hasCloseTime(), info.getCloseTime()));
  }

  private static PendingActivity pendingActivity(PendingActivityInfo activity) {
    return new PendingActivity(
        activity.getActivityId(),
        activity.getActivityType().getName(),
        label(activity.getState()),
        activity.getAttempt(),
        activity.getMaximumAttempts(),
        activity.hasLastFailure() ? activity.getLastFailure().getMessage() : null,
        instant(activity.hasScheduledTime(), activity.getScheduledTime()),
        instant(activity.hasLastStartedTime(), activity.getLastStartedTime()),
        instant(activity.hasLastHeartbeatTime(), activity.getLastHeartbeatTime()));
  }

  private static Instant instant(boolean present, Timestamp timestamp) {
    return present ? Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()) : null;
  }

  /**
   * The names visibility queries use: {@code WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW} becomes
   * {@code ContinuedAsNew}, so a listed status can be pasted back into a query.
   */
  static String label(WorkflowExecutionStatus status) {
    return camelCase(status.name(), "WORKFLOW_EXECUTION_STATUS_");
  }

  static String label(PendingActivityState state) {
    return camelCase(state.name(), "PENDING_ACTIVITY_STATE_");
  }

  private static String camelCase(String constant, String prefix) {
    StringBuilder label = new StringBuilder();
    for (String word : constant.substring(prefix.length()).split("_")) {
      label.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return label.toString();
  }

  /**
   * @param items executions matching the query
   * @param nextPageToken pass it back for the next page; {@code null} on the last page
   */
  record WorkflowPage(List<WorkflowSummary> items, String nextPageToken) {}

  /** One execution of a list; times are {@code null} when the event has not happened. */
  record WorkflowSummary(String workflowId, String runId, String type, String status, String taskQueue,
      Instant startTime, Instant closeTime) {}

  record WorkflowDetails(String workflowId, String runId, String type, String status, String taskQueue,
      Instant startTime, Instant closeTime, long historyLength, List<PendingActivity> pendingActivities,
      int pendingChildWorkflows) {}

  /** An activity the workflow is waiting for, with its retry state. */
  record PendingActivity(String activityId, String activityType, String state, int attempt,
      int maximumAttempts, String lastFailureMessage, Instant scheduledTime, Instant lastStartedTime,
      Instant lastHeartbeatTime) {}
}
