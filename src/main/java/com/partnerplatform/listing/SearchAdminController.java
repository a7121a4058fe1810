package com.partnerplatform.listing;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/search")
@Tag(name = "Search administration", description = "Rebuilding the listings search index")
@SecurityRequirement(name = "bearer")
class SearchAdminController {

  private final WorkflowClient client;
  private final TemporalSettings temporal;

  SearchAdminController(WorkflowClient client, TemporalSettings temporal) {
    this.client = client;
    this.temporal = temporal;
  }

  @PostMapping("/reindex")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Rebuild the search index from the database (ADMIN)", description = "Starts the workflow "
      + "search-reindex: every live listing is written again in batches (heartbeating, resumable), then documents "
      + "no live listing backs are removed. While one runs, another request answers with the running one.")
  @ApiResponse(responseCode = "202", description = "The reindex workflow's id")
  public ResponseEntity<Reindex> reindex() {
    SearchReindexWorkflow workflow = client.newWorkflowStub(SearchReindexWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ListingWorkflowIds.REINDEX)
        .setTaskQueue(temporal.taskQueue(DomainQueue.LISTINGS))
        .build());
    try {
      WorkflowClient.start(workflow::run);
      return ResponseEntity.accepted().body(new Reindex(ListingWorkflowIds.REINDEX, "started"));
    } catch (WorkflowExecutionAlreadyStarted running) {
      return ResponseEntity.accepted().body(new Reindex(ListingWorkflowIds.REINDEX, "running"));
    }
  }

  /** @param state started by this request, or running already */
  record Reindex(String workflowId, String state) {}
}
