package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.web.ApiException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Reads and steers the analytics schedules on the Temporal server. */
@Service
class ScheduleService {

  /** How many of a schedule's latest runs are shown, newest first. */
  static final int RECENT_RUNS = 5;
  private static final String NOT_FOUND = "SCHEDULE_NOT_FOUND";

  private final ScheduleClient schedules;
  private final WorkflowClient client;
  private final TemporalEngine engine;
  private final ScheduleProperties properties;

  ScheduleService(ScheduleClient schedules, WorkflowClient client, TemporalEngine engine,
      ScheduleProperties properties) {
    this.schedules = schedules;
    this.client = client;
    this.engine = engine;
    this.properties = properties;
  }

  List<ScheduleView> list() {
    requireServer();
    return AnalyticsSchedules.DEFINITIONS.stream().map(this::view).toList();
  }

  /** The schedule as the server has it, or as not created yet (no analytics worker has started). */
  private ScheduleView view(AnalyticsSchedules.Definition definition) {
    try {
      return view(definition, describe(definition.id()));
    } catch (ApiException e) {
      if (!NOT_FOUND.equals(e.code())) {
        throw e;
      }
      return new ScheduleView(definition.id(), false, definition.workflowType().getSimpleName(),
          new ScheduleView.Spec(properties.cronOf(definition.id()), properties.timeZone()), false,
          "not created yet: processes that poll the analytics queue create it when they start", List.of(), List.of(),
          0, 0, 0);
    }
  }

  void trigger(String id) {
    steer(id, ScheduleHandle::trigger);
  }

  void pause(String id) {
    steer(id, handle -> handle.pause("Paused through the API"));
  }

  void unpause(String id) {
    steer(id, handle -> handle.unpause("Unpaused through the API"));
  }

  private void steer(String id, Consumer<ScheduleHandle> action) {
    requireServer();
    onServer(id, handle -> {
      action.accept(handle);
      return null;
    });
  }

  private ScheduleDescription describe(String id) {
    return onServer(id, ScheduleHandle::describe);
  }

  private <T> T onServer(String id, Function<ScheduleHandle, T> call) {
    if (AnalyticsSchedules.definition(id).isEmpty()) {
      throw ApiException.notFound(NOT_FOUND, "There is no schedule " + id + "; the schedules are "
          + AnalyticsSchedules.DEFINITIONS.stream().map(AnalyticsSchedules.Definition::id).toList() + ".");
    }
    try {
      return call.apply(schedules.getHandle(id));
    } catch (RuntimeException e) {
      if (notFound(e)) {
        throw ApiException.notFound(NOT_FOUND, "The schedule " + id + " does not exist on the server"
            + " yet: processes that poll the analytics queue create it when they start.");
      }
      throw e;
    }
  }

  private ScheduleView view(AnalyticsSchedules.Definition definition, ScheduleDescription description) {
    List<ScheduleActionResult> recent = new ArrayList<>(description.getInfo().getRecentActions());
    recent.sort((a, b) -> b.getScheduledAt().compareTo(a.getScheduledAt()));
    return new ScheduleView(definition.id(), true, definition.workflowType().getSimpleName(),
        new ScheduleView.Spec(properties.cronOf(definition.id()),
            description.getSchedule().getSpec().getTimeZoneName()),
        description.getSchedule().getState().isPaused(), description.getSchedule().getState().getNote(),
        description.getInfo().getNextActionTimes(),
        recent.stream().limit(RECENT_RUNS).map(this::run).toList(),
        description.getInfo().getNumActions(), description.getInfo().getNumActionsSkippedOverlap(),
        description.getInfo().getNumActionsMissedCatchupWindow());
  }

  /** A run with its status and, once it has closed, its result or failure. */
  private ScheduleView.Run run(ScheduleActionResult action) {
    ScheduleActionExecutionStartWorkflow started = (ScheduleActionExecutionStartWorkflow) action.getAction();
    WorkflowStub stub = client.newUntypedWorkflowStub(started.getWorkflowId(),
        Optional.of(started.getFirstExecutionRunId()), Optional.empty());
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getStatus();
    } catch (RuntimeException e) {
      if (notFound(e)) {
        return new ScheduleView.Run(action.getScheduledAt(), action.getStartedAt(), started.getWorkflowId(),
            started.getFirstExecutionRunId(), "unknown", null, "no longer retained by the server");
      }
      throw e;
    }
    Object result = null;
    String failure = null;
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      try {
        result = stub.getResult(1, TimeUnit.SECONDS, Object.class);
      } catch (WorkflowException e) {
        failure = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      } catch (TimeoutException e) {
        failure = "no result within a second";
      }
    }
    return new ScheduleView.Run(action.getScheduledAt(), action.getStartedAt(), started.getWorkflowId(),
        started.getFirstExecutionRunId(), WorkflowStatuses.label(status), result, failure);
  }

  private void requireServer() {
    if (!engine.supportsServerFeatures()) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SCHEDULES_UNAVAILABLE",
          "Temporal Schedules need a Temporal server; this process uses the in-memory engine. Set"
              + " platform.temporal.mode to dev-server or external.");
    }
  }

  private static boolean notFound(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
      if (cause instanceof WorkflowNotFoundException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A schedule as the server has it.
   *
   * @param created false while the schedule does not exist on the server yet
   * @param runs runs started so far; {@code skippedOverlap} were skipped because one was running
   */
  record ScheduleView(String id, boolean created, String workflowType, Spec spec, boolean paused, String note, List<Instant> nextRuns,
      List<Run> recentRuns, long runs, long skippedOverlap, long missedCatchupWindow) {

    record Spec(String cron, String timeZone) {}

    /**
     * @param status running, completed, failed, canceled, terminated, timed_out, ...
     * @param result the workflow's result once completed
     * @param failure why it did not complete
     */
    record Run(Instant scheduledAt, Instant startedAt, String workflowId, String runId, String status, Object result,
        String failure) {}
  }
}
