package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ScheduleService.ScheduleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/schedules")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Schedules", description = "The Temporal Schedules of reports, clean-up and reconciliation (admin)")
@SecurityRequirement(name = "bearer")
class ScheduleController {

  private static final String UNAVAILABLE = "SCHEDULES_UNAVAILABLE with the in-memory engine: Schedules need a "
      + "Temporal server";

  private final ScheduleService service;

  ScheduleController(ScheduleService service) {
    this.service = service;
  }

  @GetMapping
  @Operation(summary = "The schedules", description = "daily-report, weekly-cleanup, subscriptions-reconcile, "
      + "listings-reconcile and payments-reconcile: cron and time zone, paused flag, next run times, and the latest runs with their "
      + "status and result.")
  @ApiResponse(responseCode = "200", description = "The five schedules (created false for one the server lacks)")
  @ApiResponse(responseCode = "503", description = UNAVAILABLE)
  public List<ScheduleView> list() {
    return service.list();
  }

  @PostMapping("/{id}/trigger")
  @Operation(summary = "Run a schedule's workflow now", description = "Skipped, like a scheduled run, while the "
      + "schedule's previous run is still running.")
  @ApiResponse(responseCode = "202", description = "Asked for")
  @ApiResponse(responseCode = "404", description = "SCHEDULE_NOT_FOUND")
  @ApiResponse(responseCode = "503", description = UNAVAILABLE)
  public ResponseEntity<Void> trigger(@PathVariable String id) {
    service.trigger(id);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause a schedule", description = "No runs start until it is unpaused.")
  @ApiResponse(responseCode = "204", description = "Paused")
  @ApiResponse(responseCode = "404", description = "SCHEDULE_NOT_FOUND")
  @ApiResponse(responseCode = "503", description = UNAVAILABLE)
  public ResponseEntity<Void> pause(@PathVariable String id) {
    service.pause(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/unpause")
  @Operation(summary = "Unpause a schedule")
  @ApiResponse(responseCode = "204", description = "Unpaused")
  @ApiResponse(responseCode = "404", description = "SCHEDULE_NOT_FOUND")
  @ApiResponse(responseCode = "503", description = UNAVAILABLE)
  public ResponseEntity<Void> unpause(@PathVariable String id) {
    service.unpause(id);
    return ResponseEntity.noContent().build();
  }
}
