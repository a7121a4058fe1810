package com.partnerplatform.operations.dashboard;

import com.google.protobuf.Timestamp;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.internal.history.LocalActivityMarkerMetadata;
import io.temporal.internal.history.LocalActivityMarkerUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution's event history as a timeline: every activity, child workflow and timer is a bar from
 * when it was scheduled to when it closed; signals, updates, cancel requests and the run's end are
 * marks. A history records an activity's retries only as the attempt number and the previous
 * attempt's failure on its last start, so the time between scheduling and that start is shown as
 * the failed attempts with their backoff gaps. A local activity leaves one marker when it has ended,
 * with its type, first scheduling and last attempt: it is a bar from that scheduling to the marker.
 *
 * @param start the run's start
 * @param end the run's close, or now while it runs
 */
record Timeline(Instant start, Instant end, boolean running, List<Bar> bars, List<Mark> marks,
    String continuedFromRunId, String continuedAsNewRunId) {

  /** Activity types a workflow runs only to undo earlier steps (the payment saga's compensations). */
  static final Map<String, Set<String>> COMPENSATIONS = Map.of("PaymentWorkflow",
      Set.of("PaymentRefund", "PaymentReleaseInventory", "PaymentMarkPaymentFailed", "PaymentMarkCancelled"));

  enum Kind { ACTIVITY, LOCAL_ACTIVITY, CHILD, TIMER }

  enum Outcome { COMPLETED, FAILED, TIMED_OUT, CANCELED, TERMINATED, FIRED, PENDING }

  /**
   * @param attempt the attempt that ran last (1 when it never retried)
   * @param failure why the last attempt failed, if it did
   * @param previousFailure why the attempt before the last one failed, when there were retries
   * @param compensation run to undo an earlier step
   * @param childWorkflowId for a child workflow, its id (and {@code childRunId} once started)
   */
  record Bar(Kind kind, String id, String name, Instant scheduled, Instant started, Instant closed, int attempt,
      Outcome outcome, String failure, String previousFailure, boolean compensation, String childWorkflowId,
      String childRunId) {

    public boolean pending() {
      return outcome == Outcome.PENDING;
    }

    public int failedAttempts() {
      return Math.max(0, attempt - 1) + (outcome == Outcome.FAILED || outcome == Outcome.TIMED_OUT ? 1 : 0);
    }

    /** Scheduling until the last attempt's start: the earlier attempts and the backoff between them. */
    public Duration retrying() {
      return attempt > 1 && started != null ? Duration.between(scheduled, started) : Duration.ZERO;
    }

    public String retryingText() {
      return human(retrying());
    }
  }

  enum MarkKind { SIGNAL, UPDATE, CANCEL_REQUESTED, CLOSED }

  record Mark(Instant at, MarkKind kind, String label) {}

  /** Percent of the timeline's width at an instant, for drawing. */
  public double percentAt(Instant at) {
    long span = Math.max(1, Duration.between(start, end).toMillis());
    long offset = Duration.between(start, at == null ? end : at).toMillis();
    return Math.max(0, Math.min(100, offset * 100.0 / span));
  }

  /** Percent width between two instants; a bar is at least visible. */
  public double percentBetween(Instant from, Instant to) {
    return Math.max(0.6, percentAt(to) - percentAt(from));
  }

  public boolean compensated() {
    return bars.stream().anyMatch(Bar::compensation);
  }

  public List<Bar> pendingBars() {
    return bars.stream().filter(Bar::pending).toList();
  }

  static Timeline of(String workflowType, List<HistoryEvent> events, Instant now) {
    return new Builder(COMPENSATIONS.getOrDefault(workflowType, Set.of())).build(events, now);
  }

  private static final class Builder {

    private final Set<String> compensationTypes;
    private final Map<Long, Bar> bars = new LinkedHashMap<>();
    private final Map<String, String> updateNames = new HashMap<>();
    private final List<Mark> marks = new ArrayList<>();
    private boolean compensating;
    private Instant start;
    private Instant closed;
    private String continuedFrom;
    private String continuedAs;

    Builder(Set<String> compensationTypes) {
      this.compensationTypes = compensationTypes;
    }

    Timeline build(List<HistoryEvent> events, Instant now) {
      for (HistoryEvent event : events) {
        accept(event);
      }
      Instant first = start != null ? start : events.isEmpty() ? now : time(events.get(0).getEventTime());
      Instant last = closed != null ? closed : now;
      return new Timeline(first, last.isBefore(first) ? first : last, closed == null, List.copyOf(bars.values()),
          List.copyOf(marks), continuedFrom, continuedAs);
    }

    private void accept(HistoryEvent event) {
      Instant at = time(event.getEventTime());
      long id = event.getEventId();
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          start = at;
          String previous = event.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
          continuedFrom = previous.isEmpty() ? null : previous;
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          String type = event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          compensating |= compensationTypes.contains(type);
          bars.put(id, new Bar(Kind.ACTIVITY, event.getActivityTaskScheduledEventAttributes().getActivityId(), type,
              at, null, null, 1, Outcome.PENDING, null, null, compensationTypes.contains(type), null, null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var started = event.getActivityTaskStartedEventAttributes();
          change(started.getScheduledEventId(), bar -> new Bar(bar.kind(), bar.id(), bar.name(), bar.scheduled(), at,
              null, started.getAttempt(), Outcome.PENDING, null,
              started.hasLastFailure() ? describe(started.getLastFailure()) : null, bar.compensation(), null, null));
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            close(event.getActivityTaskCompletedEventAttributes().getScheduledEventId(), at, Outcome.COMPLETED, null);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> close(event.getActivityTaskFailedEventAttributes().getScheduledEventId(),
            at, Outcome.FAILED, describe(event.getActivityTaskFailedEventAttributes().getFailure()));
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> close(
            event.getActivityTaskTimedOutEventAttributes().getScheduledEventId(), at, Outcome.TIMED_OUT,
            describe(event.getActivityTaskTimedOutEventAttributes().getFailure()));
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            close(event.getActivityTaskCanceledEventAttributes().getScheduledEventId(), at, Outcome.CANCELED, null);
        case EVENT_TYPE_TIMER_STARTED -> {
          var timer = event.getTimerStartedEventAttributes();
          Duration length = Duration.ofSeconds(timer.getStartToFireTimeout().getSeconds());
          bars.put(id, new Bar(Kind.TIMER, timer.getTimerId(), "Timer " + human(length), at, at, null, 1,
              Outcome.PENDING, null, null, false, null, null));
        }
        case EVENT_TYPE_TIMER_FIRED ->
            close(event.getTimerFiredEventAttributes().getStartedEventId(), at, Outcome.FIRED, null);
        case EVENT_TYPE_TIMER_CANCELED ->
            close(event.getTimerCanceledEventAttributes().getStartedEventId(), at, Outcome.CANCELED, null);
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
          var child = event.getStartChildWorkflowExecutionInitiatedEventAttributes();
          bars.put(id, new Bar(Kind.CHILD, child.getWorkflowId(), child.getWorkflowType().getName(), at, null, null, 1,
              Outcome.PENDING, null, null, compensating, child.getWorkflowId(), null));
        }
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> close(
            event.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at, Outcome.FAILED,
            "not started: " + event.getStartChildWorkflowExecutionFailedEventAttributes().getCause().name());
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
          var child = event.getChildWorkflowExecutionStartedEventAttributes();
          change(child.getInitiatedEventId(), bar -> new Bar(bar.kind(), bar.id(), bar.name(), bar.scheduled(), at,
              null, 1, Outcome.PENDING, null, null, bar.compensation(), bar.childWorkflowId(),
              child.getWorkflowExecution().getRunId()));
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> close(
            event.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId(), at, Outcome.COMPLETED,
            null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> close(
            event.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at, Outcome.FAILED,
            describe(event.getChildWorkflowExecutionFailedEventAttributes().getFailure()));
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> close(
            event.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId(), at, Outcome.TIMED_OUT,
            null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> close(
            event.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId(), at, Outcome.CANCELED,
            null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> close(
            event.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId(), at,
            Outcome.TERMINATED, null);
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> marks.add(new Mark(at, MarkKind.SIGNAL,
            "Signal " + event.getWorkflowExecutionSignaledEventAttributes().getSignalName()));
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
          var request = event.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
          updateNames.put(request.getMeta().getUpdateId(), request.getInput().getName());
          marks.add(new Mark(at, MarkKind.UPDATE, "Update " + request.getInput().getName() + " accepted"));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
          var completed = event.getWorkflowExecutionUpdateCompletedEventAttributes();
          if (completed.getOutcome().hasFailure()) {
            marks.add(new Mark(at, MarkKind.UPDATE, "Update "
                + updateNames.getOrDefault(completed.getMeta().getUpdateId(), "") + " failed: "
                + describe(completed.getOutcome().getFailure())));
          }
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> marks.add(new Mark(at, MarkKind.CANCEL_REQUESTED,
            "Cancel requested"));
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> end(at, "Completed");
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
            end(at, "Failed: " + describe(event.getWorkflowExecutionFailedEventAttributes().getFailure()));
        case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> end(at, "Timed out");
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> end(at, "Cancelled");
        case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
            end(at, "Terminated: " + event.getWorkflowExecutionTerminatedEventAttributes().getReason());
        case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
          continuedAs = event.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
          end(at, "Continued as new");
        }
        case EVENT_TYPE_MARKER_RECORDED -> localActivity(event, at);
        default -> { } // workflow tasks say nothing about the business steps
      }
    }

    private void localActivity(HistoryEvent event, Instant at) {
      if (!LocalActivityMarkerUtils.hasLocalActivityStructure(event)) {
        return; // a version marker or a side effect
      }
      var marker = event.getMarkerRecordedEventAttributes();
      String type = LocalActivityMarkerUtils.getActivityTypeName(marker);
      LocalActivityMarkerMetadata metadata = LocalActivityMarkerUtils.getMetadata(marker);
      // The marker's scheduling time is the worker's clock: never later than the server's record of it.
      Instant scheduled = metadata == null || metadata.getOriginalScheduledTimestamp() <= 0 ? at
          : Instant.ofEpochMilli(Math.min(metadata.getOriginalScheduledTimestamp(), at.toEpochMilli()));
      int attempt = metadata == null ? 1 : Math.max(1, metadata.getAttempt());
      compensating |= compensationTypes.contains(type);
      bars.put(event.getEventId(), new Bar(Kind.LOCAL_ACTIVITY, LocalActivityMarkerUtils.getActivityId(marker), type,
          scheduled, null, at, attempt, marker.hasFailure() ? Outcome.FAILED : Outcome.COMPLETED,
          marker.hasFailure() ? describe(marker.getFailure()) : null, null, compensationTypes.contains(type), null,
          null));
    }

    private void end(Instant at, String label) {
      closed = at;
      marks.add(new Mark(at, MarkKind.CLOSED, label));
    }

    private void close(long openedBy, Instant at, Outcome outcome, String failure) {
      change(openedBy, bar -> new Bar(bar.kind(), bar.id(), bar.name(), bar.scheduled(),
          bar.started() == null ? bar.scheduled() : bar.started(), at, bar.attempt(), outcome, failure,
          bar.previousFailure(), bar.compensation(), bar.childWorkflowId(), bar.childRunId()));
    }

    private void change(long openedBy, java.util.function.UnaryOperator<Bar> change) {
      bars.computeIfPresent(openedBy, (key, bar) -> change.apply(bar));
    }
  }

  /** "type: message", following causes down to the one that explains it. */
  static String describe(Failure failure) {
    Failure root = failure;
    while (root.hasCause() && (root.getMessage().isEmpty() || root.hasActivityFailureInfo()
        || root.hasChildWorkflowExecutionFailureInfo())) {
      root = root.getCause();
    }
    String type = root.hasApplicationFailureInfo() ? root.getApplicationFailureInfo().getType()
        : root.hasTimeoutFailureInfo() ? root.getTimeoutFailureInfo().getTimeoutType().name() : "";
    return type.isEmpty() ? root.getMessage() : type + ": " + root.getMessage();
  }

  static String human(Duration duration) {
    if (duration.toDays() > 0 && duration.toHoursPart() == 0) {
      return duration.toDays() + " d";
    }
    if (duration.toHours() > 0) {
      return duration.toHours() + " h" + (duration.toMinutesPart() > 0 ? " " + duration.toMinutesPart() + " min" : "");
    }
    if (duration.toMinutes() > 0) {
      return duration.toMinutes() + " min" + (duration.toSecondsPart() > 0 ? " " + duration.toSecondsPart() + " s" : "");
    }
    return duration.toMillis() >= 1000 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static Instant time(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
