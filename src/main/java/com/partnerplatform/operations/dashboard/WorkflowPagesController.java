package com.partnerplatform.operations.dashboard;

import com.partnerplatform.operations.WorkflowOperations;
import com.partnerplatform.operations.WorkflowOperations.WorkflowDetails;
import com.partnerplatform.operations.WorkflowOperations.WorkflowPage;
import com.partnerplatform.operations.WorkflowOperations.WorkflowSummary;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.web.ApiException;
import io.temporal.api.history.v1.HistoryEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Overview, executions and execution detail: reads through WorkflowOperations, acts through the API. */
@Controller
@RequestMapping("/dashboard")
class WorkflowPagesController {

  static final Map<String, String> STATE_QUERIES = Map.of("PaymentWorkflow", "getStatus",
      "ListingApprovalWorkflow", "getStatus", "ListingExpirationWorkflow", "getStatus",
      "NotificationWorkflow", "getStatus", "OnboardingWorkflow", "getProgress", "SubscriptionWorkflow", "getDetails");
  private static final int LATEST_FAILURES = 8;

  private final WorkflowOperations operations;
  private final TemporalEngine engine;
  private final TemporalSettings settings;
  private final DashboardApi api;
  private final Clock clock;

  WorkflowPagesController(WorkflowOperations operations, TemporalEngine engine, TemporalSettings settings,
      DashboardApi api, Clock clock) {
    this.operations = operations;
    this.engine = engine;
    this.settings = settings;
    this.api = api;
    this.clock = clock;
  }

  @GetMapping
  String overview(Authentication user, Model model) {
    if (!Caller.of(user).admin()) {
      return "redirect:/dashboard/reviews";
    }
    model.addAttribute("serverFeatures", engine.supportsServerFeatures());
    if (engine.supportsServerFeatures()) {
      try {
        serverOverview(model);
      } catch (RuntimeException e) {
        model.addAttribute("error", "The Temporal server did not answer: " + e.getMessage());
      }
    }
    return "dashboard/overview";
  }

  /** Counts, failure rates, queues and failures: visibility queries and task-queue descriptions. */
  private void serverOverview(Model model) {
    Map<String, Map<String, Long>> byType = new LinkedHashMap<>();
    for (String type : ExecutionFilter.TYPES) {
      byType.put(type, operations.countByStatus("WorkflowType = " + ExecutionFilter.quoted(type)));
    }
    Instant now = clock.instant();
    List<FailureRate> rates = new ArrayList<>();
    for (Duration window : List.of(Duration.ofHours(1), Duration.ofDays(1))) {
      rates.add(FailureRate.of(window,
          operations.countByStatus("CloseTime > " + ExecutionFilter.quoted(now.minus(window).toString()))));
    }
    List<QueueHealth> queues = new ArrayList<>();
    for (DomainQueue queue : DomainQueue.values()) {
      queues.add(new QueueHealth(queue.key(), operations.describeTaskQueue(settings.taskQueue(queue))));
    }
    List<Failure> failures = operations.list("ExecutionStatus = 'Failed' OR ExecutionStatus = 'TimedOut'",
        LATEST_FAILURES, null).items().stream().map(this::failure).toList();
    model.addAttribute("statuses", ExecutionFilter.STATUSES);
    model.addAttribute("byType", byType);
    model.addAttribute("rates", rates);
    model.addAttribute("queues", queues);
    model.addAttribute("failures", failures);
  }

  @GetMapping("/executions")
  String executions(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
      @RequestParam(required = false) String businessId, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String page,
      @RequestParam(defaultValue = "25") int size, Model model) {
    ExecutionFilter filter = new ExecutionFilter(type, status, businessId, from, to);
    model.addAttribute("filter", filter);
    model.addAttribute("types", ExecutionFilter.TYPES);
    model.addAttribute("statuses", ExecutionFilter.STATUSES);
    model.addAttribute("serverFeatures", engine.supportsServerFeatures());
    if (engine.supportsServerFeatures()) {
      try {
        WorkflowPage result = operations.list(filter.query(), Math.max(1, Math.min(size, 100)), page);
        model.addAttribute("executions", result.items());
        model.addAttribute("nextPage", result.nextPageToken());
      } catch (IllegalArgumentException | ApiException e) {
        model.addAttribute("error", e.getMessage());
      }
    }
    return "dashboard/executions";
  }

  @GetMapping("/executions/{workflowId}")
  String execution(@PathVariable String workflowId, @RequestParam(required = false) String runId, Model model) {
    live(workflowId, runId, model);
    WorkflowDetails details = (WorkflowDetails) model.getAttribute("details");
    String ui = engine.webUiUrl();
    if (ui != null && !ui.isBlank()) {
      model.addAttribute("webUiLink", ui.replaceAll("/$", "") + "/namespaces/" + encode(engine.namespace())
          + "/workflows/" + encode(details.workflowId()) + "/" + encode(details.runId()) + "/history");
    }
    return "dashboard/execution";
  }

  /** The parts of the detail page that change while the execution runs; the page polls it. */
  @GetMapping("/executions/{workflowId}/live")
  String live(@PathVariable String workflowId, @RequestParam(required = false) String runId, Model model) {
    WorkflowDetails details = operations.describe(workflowId, runId);
    List<HistoryEvent> events = operations.history(details.workflowId(), details.runId());
    Timeline timeline = Timeline.of(details.type(), events, clock.instant());
    model.addAttribute("details", details);
    model.addAttribute("timeline", timeline);
    model.addAttribute("diagram", BusinessSteps.of(details.type(), timeline));
    String query = STATE_QUERIES.get(details.type());
    if (query != null) {
      model.addAttribute("stateQuery", query);
      try {
        model.addAttribute("state", operations.query(details.workflowId(), query, new Object[0]));
      } catch (RuntimeException e) {
        model.addAttribute("stateError", e.getMessage());
      }
    }
    return "dashboard/execution-live :: live";
  }

  @GetMapping("/executions/{workflowId}/history.json")
  ResponseEntity<String> history(@PathVariable String workflowId, @RequestParam(required = false) String runId) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + workflowId.replaceAll("[^\\w.-]", "_")
            + (runId == null ? "" : "-" + runId) + "-history.json\"")
        .body(operations.historyJson(workflowId, runId));
  }

  @PostMapping("/executions/{workflowId}/signal")
  String signal(Authentication user, @PathVariable String workflowId, @RequestParam String name,
      @RequestParam(defaultValue = "") String arguments, RedirectAttributes redirect) {
    return act(redirect, workflowId, "Signal " + name + " sent.", () -> api.post(user,
        arguments.isBlank() ? null : arguments, "/api/workflows/{id}/signals/{name}", workflowId, name));
  }

  @PostMapping("/executions/{workflowId}/cancel")
  String cancel(Authentication user, @PathVariable String workflowId, RedirectAttributes redirect) {
    return act(redirect, workflowId, "Cancellation requested.",
        () -> api.post(user, null, "/api/workflows/{id}/cancel", workflowId));
  }

  @PostMapping("/executions/{workflowId}/terminate")
  String terminate(Authentication user, @PathVariable String workflowId, @RequestParam String reason,
      RedirectAttributes redirect) {
    return act(redirect, workflowId, "Terminated.",
        () -> api.post(user, Map.of("reason", reason), "/api/workflows/{id}/terminate", workflowId));
  }

  private String act(RedirectAttributes redirect, String workflowId, String done, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", done);
    } catch (DashboardApi.Refusal e) {
      redirect.addFlashAttribute("problem", e.code() + ": " + e.getMessage());
    }
    return "redirect:/dashboard/executions/" + encode(workflowId);
  }

  private Failure failure(WorkflowSummary execution) {
    String reason;
    try {
      HistoryEvent close = operations.closeEvent(execution.workflowId(), execution.runId());
      reason = close == null ? "" : close.hasWorkflowExecutionFailedEventAttributes()
          ? Timeline.describe(close.getWorkflowExecutionFailedEventAttributes().getFailure())
          : close.getEventType().name().replace("EVENT_TYPE_WORKFLOW_EXECUTION_", "").toLowerCase();
    } catch (RuntimeException e) {
      reason = "(history unavailable: " + e.getMessage() + ")";
    }
    return new Failure(execution, reason);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  record Failure(WorkflowSummary execution, String reason) {}

  record QueueHealth(String domain, WorkflowOperations.TaskQueueHealth health) {}

  /** Failed, timed-out and terminated executions among those that closed within the window. */
  record FailureRate(String window, long closed, long failed) {

    static FailureRate of(Duration window, Map<String, Long> closedByStatus) {
      long closed = closedByStatus.values().stream().mapToLong(Long::longValue).sum();
      long failed = closedByStatus.getOrDefault("Failed", 0L) + closedByStatus.getOrDefault("TimedOut", 0L)
          + closedByStatus.getOrDefault("Terminated", 0L);
      return new FailureRate(Timeline.human(window), closed, failed);
    }

    public String percent() {
      return closed == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", failed * 100.0 / closed);
    }
  }
}
