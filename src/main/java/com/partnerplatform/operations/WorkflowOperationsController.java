package com.partnerplatform.operations;

import com.partnerplatform.operations.CanaryRunner.CanaryResults;
import com.partnerplatform.operations.WorkflowOperations.WorkflowDetails;
import com.partnerplatform.operations.WorkflowOperations.WorkflowPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The generic workflow operations API, for administrators. */
@RestController
@RequestMapping("/api/workflows")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Workflow operations",
    description = "Inspect and steer any workflow execution; check every task queue with a canary. ADMIN only.")
@SecurityRequirement(name = "bearer")
public class WorkflowOperationsController {

  private static final String ARGUMENTS_BODY =
      "Arguments as JSON: an array gives positional arguments, any other value one argument, no body none.";

  private final WorkflowOperations operations;
  private final CanaryRunner canary;

  WorkflowOperationsController(WorkflowOperations operations, CanaryRunner canary) {
    this.operations = operations;
    this.canary = canary;
  }

  @GetMapping
  @Operation(summary = "List executions matching a visibility query",
      description = "Needs a Temporal server (503 NOT_SUPPORTED_BY_ENGINE with the in-memory engine)."
          + " Statuses use the query language's names (Running, Completed, ...).")
  public WorkflowPage list(
      @Parameter(description = "Visibility query, e.g. WorkflowType='X' AND ExecutionStatus='Running'; empty lists all")
      @RequestParam(defaultValue = "") String query,
      @RequestParam(defaultValue = "20") @Min(1) @Max(WorkflowOperations.MAX_PAGE_SIZE) int pageSize,
      @Parameter(description = "The nextPageToken of the previous page")
      @RequestParam(required = false) String nextPageToken) {
    return operations.list(query, pageSize, nextPageToken);
  }

  @GetMapping("/{workflowId}")
  @Operation(summary = "Describe an execution",
      description = "Status, times, history length, pending activities with their retry state, pending children.")
  public WorkflowDetails describe(@PathVariable String workflowId,
      @Parameter(description = "A specific run; the latest run when absent")
      @RequestParam(required = false) String runId) {
    return operations.describe(workflowId, runId);
  }

  @GetMapping(value = "/{workflowId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The event history",
      description = "Temporal's JSON history format, as accepted by WorkflowReplayer and the temporal CLI.")
  public ResponseEntity<String> history(@PathVariable String workflowId,
      @RequestParam(required = false) String runId) {
    return json(operations.historyJson(workflowId, runId));
  }

  @PostMapping("/{workflowId}/signals/{name}")
  @Operation(summary = "Send a signal", description = ARGUMENTS_BODY)
  public ResponseEntity<Void> signal(@PathVariable String workflowId, @PathVariable String name,
      @RequestBody(required = false) String arguments) {
    operations.signal(workflowId, name, WorkflowArguments.parse(arguments));
    return ResponseEntity.accepted().build();
  }

  @PostMapping(value = "/{workflowId}/queries/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Run a query and return its result as JSON", description = ARGUMENTS_BODY)
  public ResponseEntity<String> query(@PathVariable String workflowId, @PathVariable String name,
      @RequestBody(required = false) String arguments) {
    return json(operations.query(workflowId, name, WorkflowArguments.parse(arguments)));
  }

  @PostMapping(value = "/{workflowId}/updates/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Run an update and return its result as JSON",
      description = ARGUMENTS_BODY + " A rejected or failed update is a 400 problem with the workflow's message.")
  public ResponseEntity<String> update(@PathVariable String workflowId, @PathVariable String name,
      @RequestBody(required = false) String arguments) {
    return json(operations.update(workflowId, name, WorkflowArguments.parse(arguments)));
  }

  @PostMapping("/{workflowId}/cancel")
  @Operation(summary = "Request cancellation", description = "The workflow decides how to wind down.")
  public ResponseEntity<Void> cancel(@PathVariable String workflowId) {
    operations.cancel(workflowId);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/{workflowId}/terminate")
  @Operation(summary = "Terminate immediately", description = "No workflow code runs afterwards; the reason is recorded.")
  public ResponseEntity<Void> terminate(@PathVariable String workflowId,
      @Valid @RequestBody TerminateRequest request) {
    operations.terminate(workflowId, request.reason());
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/canary")
  @Operation(summary = "Run a diagnostic workflow on every task queue",
      description = "One workflow and one activity per domain queue, in parallel, each bounded to "
          + CanaryRunner.EXECUTION_TIMEOUT_SECONDS + " s. 200 when every queue answered, 503 (same body) otherwise.")
  public ResponseEntity<CanaryResults> canary() {
    CanaryResults results = canary.runOnEveryQueue();
    return ResponseEntity.status(results.allOk() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(results);
  }

  private static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /** @param reason recorded in the history as the termination reason */
  public record TerminateRequest(@Schema(example = "Stuck after a bad deploy") @NotBlank String reason) {}
}
