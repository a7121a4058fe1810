package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/cleanup")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Clean-up", description = "Removal of old sessions, notifications, logs and scratch files (admin)")
@SecurityRequirement(name = "bearer")
class CleanupController {

  private final WorkflowClient client;
  private final TemporalSettings temporal;

  CleanupController(WorkflowClient client, TemporalSettings temporal) {
    this.client = client;
    this.temporal = temporal;
  }

  @PostMapping
  @Operation(summary = "Run a clean-up now", description = "Starts cleanup-{type}-{uuid} on the analytics queue: "
      + "identifies what is older than the retention (sessions 30 days, notifications 90, logs 90, temp_files 1, "
      + "unless retentionDays is given), backs it up as gzip JSON lines under the backup directory, deletes it in "
      + "batches of 100 a second apart, logs the run and e-mails the admins. dryRun only counts.")
  @ApiResponse(responseCode = "202", description = "The workflow id")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNKNOWN_CLEANUP_TYPE")
  public ResponseEntity<Started> start(@Valid @RequestBody NewCleanup request) {
    CleanupType type = CleanupType.fromKey(request.type()).orElseThrow(() -> ApiException.badRequest(
        "UNKNOWN_CLEANUP_TYPE", "type must be sessions, notifications, logs, temp_files or all; got '"
            + request.type() + "'."));
    String workflowId = "cleanup-" + type.key().replace('_', '-') + "-" + UUID.randomUUID();
    CleanupWorkflow workflow = client.newWorkflowStub(CleanupWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(temporal.taskQueue(DomainQueue.ANALYTICS))
        .setWorkflowExecutionTimeout(temporal.workflowTimeout("long"))
        .build());
    WorkflowClient.start(workflow::run, new CleanupRequest(type, request.retentionDays(),
        Boolean.TRUE.equals(request.dryRun())));
    return ResponseEntity.accepted().body(new Started(workflowId));
  }

  /**
   * @param type sessions, notifications, logs, temp_files or all
   * @param retentionDays keep what is younger; default: each type's configured retention
   * @param dryRun count only
   */
  record NewCleanup(@NotBlank String type, @Min(1) @Max(36_500) Integer retentionDays, Boolean dryRun) {}

  record Started(String workflowId) {}
}
