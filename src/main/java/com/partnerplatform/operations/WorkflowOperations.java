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
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Generic operations on any workflow execution, whatever its type: list, count, describe, read the
 * history, signal, query, update, cancel and terminate; and task-queue descriptions. Arguments and
 * results are untyped JSON. Public for the admin dashboard, which reads through it.
 */
@Service
public class WorkflowOperations {

  static final int MAX_PAGE_SIZE = 100;
  /** How long an accepted update may run before the caller gets a timeout instead of its result. */
  static final Duration UPDATE_RESULT_TIMEOUT = Duration.ofSeconds(30);
  private static final DataConverter DATA_CONVERTER = DefaultDataConverter.newDefaultInstance();
  private static final String RUNNING = label(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

  private final WorkflowClient client;
  private final BoundedQueries queries;
  private final TemporalEngine engine;

  WorkflowOperations(WorkflowClient client, TemporalEngine engine, BoundedQueries queries) {
    this.client = client;
    this.queries = queries;
    this.engine = engine;
  }

  public WorkflowPage list(String query, int pageSize, String nextPageToken) {
    requireServer("Listing executions runs a visibility query");
    ListWorkflowExecutionsRequest.Builder request = ListWorkflowExecutionsRequest.newBuilder()
        .setNamespace(namespace())
        .setPageSize(pageSize)
        .setQuery(query);
    if (nextPageToken != null && !nextPageToken.isBlank()) {
      request.setNextPageToken(ByteString.copyFrom(decodePageToken(nextPageToken)));
    }
    ListWorkflowExecutionsResponse response =
        invalidQueryAsBadRequest(() -> service().listWorkflowExecutions(request.build()));
    List<WorkflowSummary> items = response.getExecutionsList().stream().map(WorkflowOperations::summary).toList();
    ByteString next = response.getNextPageToken();
    return new WorkflowPage(items,
        next.isEmpty() ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(next.toByteArray()));
  }

  /**
   * How many executions match a visibility query (e.g. {@code CloseTime > '...'}; empty for all), by
   * status as queries name them ({@code Running}, {@code Failed} ...).
   */
  public Map<String, Long> countByStatus(String query) {
    requireServer("Counting executions runs a visibility query");
    String grouped = (query.isBlank() ? "" : query + " ") + "GROUP BY ExecutionStatus";
    CountWorkflowExecutionsResponse response = invalidQueryAsBadRequest(() -> service().countWorkflowExecutions(
        CountWorkflowExecutionsRequest.newBuilder().setNamespace(namespace()).setQuery(grouped).build()));
    Map<String, Long> counts = new TreeMap<>();
    for (CountWorkflowExecutionsResponse.AggregationGroup group : response.getGroupsList()) {
      String status = group.getGroupValuesCount() == 0 ? "Unknown"
          : DATA_CONVERTER.fromPayload(group.getGroupValues(0), String.class, String.class);
      counts.merge(status, group.getCount(), Long::sum);
    }
    return counts;
  }

  /** The workers polling a task queue and the tasks waiting in it. */
  public TaskQueueHealth describeTaskQueue(String taskQueue) {
    requireServer("Describing a task queue");
    int workflowPollers = 0;
    int activityPollers = 0;
    long backlog = 0;
    Instant lastPoll = null;
    for (TaskQueueType type : List.of(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)) {
      DescribeTaskQueueResponse response = service().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
          .setNamespace(namespace())
          .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
          .setTaskQueueType(type)
          .setIncludeTaskQueueStatus(true)
          .build());
      for (PollerInfo poller : response.getPollersList()) {
        Instant polled = instant(poller.hasLastAccessTime(), poller.getLastAccessTime());
        lastPoll = lastPoll == null || (polled != null && polled.isAfter(lastPoll)) ? polled : lastPoll;
      }
      if (type == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW) {
        workflowPollers = response.getPollersCount();
      } else {
        activityPollers = response.getPollersCount();
      }
      backlog += response.getTaskQueueStatus().getBacklogCountHint();
    }
    return new TaskQueueHealth(taskQueue, workflowPollers, activityPollers, backlog, lastPoll);
  }

  /** The run's events, oldest first. */
  public List<HistoryEvent> history(String workflowId, String runId) {
    try {
      return client.fetchHistory(workflowId, runId).getEvents();
    } catch (StatusRuntimeException e) {
      throw notFoundOr(e, workflowId, runId);
    }
  }

  /** The event that closed a run, or {@code null} while it runs. */
  public HistoryEvent closeEvent(String workflowId, String runId) {
    List<HistoryEvent> events = service().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
        .setNamespace(namespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId == null ? "" : runId))
        .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
        .build()).getHistory().getEventsList();
    return events.isEmpty() ? null : events.get(events.size() - 1);
  }

  private void requireServer(String what) {
    if (!engine.supportsServerFeatures()) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "NOT_SUPPORTED_BY_ENGINE",
          what + ", which needs a Temporal server; this process"
              + " uses the in-memory engine. Set platform.temporal.mode to dev-server or external.");
    }
  }

  private static <T> T invalidQueryAsBadRequest(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw ApiException.badRequest("INVALID_QUERY", e.getStatus().getDescription());
      }
      throw e;
    }
  }

  public WorkflowDetails describe(String workflowId, String runId) {
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

  public String historyJson(String workflowId, String runId) {
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
  public String query(String workflowId, String queryName, Object[] arguments) {
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
  public record WorkflowPage(List<WorkflowSummary> items, String nextPageToken) {}

  /** Pollers seen recently on the queue's workflow and activity sides, and tasks waiting (a hint). */
  public record TaskQueueHealth(String taskQueue, int workflowPollers, int activityPollers, long backlog,
      Instant lastPoll) {}

  /** One execution of a list; times are {@code null} when the event has not happened. */
  public record WorkflowSummary(String workflowId, String runId, String type, String status, String taskQueue,
      Instant startTime, Instant closeTime) {}

  public record WorkflowDetails(String workflowId, String runId, String type, String status, String taskQueue,
      Instant startTime, Instant closeTime, long historyLength, List<PendingActivity> pendingActivities,
      int pendingChildWorkflows) {}

  /** An activity the workflow is waiting for, with its retry state. */
  public record PendingActivity(String activityId, String activityType, String state, int attempt,
      int maximumAttempts, String lastFailureMessage, Instant scheduledTime, Instant lastStartedTime,
      Instant lastHeartbeatTime) {}
}
