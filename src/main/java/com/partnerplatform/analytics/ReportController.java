package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReportStore.StoredReport;
import com.partnerplatform.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

@RestController
@RequestMapping("/api/admin/reports")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Reports", description = "Sales, platform and performance reports as PDF and CSV (admin)")
@SecurityRequirement(name = "bearer")
class ReportController {

  private final ReportService service;

  ReportController(ReportService service) {
    this.service = service;
  }

  @PostMapping
  @Operation(summary = "Run a report now", description = "Starts report-{uuid} on the analytics queue: figures "
      + "from the database (and the engine, for performance), a PDF and a CSV in the reports directory, an "
      + "e-mail to the recipients. from and to are ISO dates (whole days in the schedules' time zone) or "
      + "date-times; the period is at most platform.report.max-period.")
  @ApiResponse(responseCode = "202", description = "The workflow id; the report appears in the list when done")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, UNKNOWN_REPORT_TYPE, INVALID_PERIOD "
      + "(from not before to) or PERIOD_TOO_LONG")
  public ResponseEntity<Started> create(@Valid @RequestBody NewReport request) {
    return ResponseEntity.accepted().body(new Started(service.start(request.type(), request.from(), request.to())));
  }

  @GetMapping
  @Operation(summary = "Stored reports, newest first", description = "Page counts from 0; size at most 100.")
  @ApiResponse(responseCode = "200", description = "One page of reports")
  @ApiResponse(responseCode = "400", description = "INVALID_PAGE")
  public PageView<ReportView> list(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    PageView<StoredReport> found = service.page(page, size);
    return new PageView<>(found.items().stream().map(ReportView::of).toList(), found.page(), found.size(),
        found.total());
  }

  @GetMapping("/{id}/download")
  @Operation(summary = "A stored report's file")
  @ApiResponse(responseCode = "200", description = "application/pdf or text/csv")
  @ApiResponse(responseCode = "400", description = "UNKNOWN_FORMAT")
  @ApiResponse(responseCode = "404", description = "REPORT_NOT_FOUND or REPORT_FILE_MISSING")
  public ResponseEntity<Resource> download(@PathVariable UUID id,
      @Parameter(description = "pdf or csv") @RequestParam(defaultValue = "pdf") String format) {
    ReportService.Download download = service.download(id, format);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(download.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(download.fileName()).build().toString())
        .body(new FileSystemResource(download.file()));
  }

  /**
   * @param type sales, platform or performance
   * @param from ISO date or date-time, inclusive
   * @param to ISO date (inclusive day) or date-time (exclusive)
   */
  record NewReport(@NotBlank String type, @NotBlank String from, @NotBlank String to) {}

  record Started(String workflowId) {}

  record ReportView(UUID id, String workflowId, String type, Instant from, Instant to, long pdfBytes, long csvBytes,
      Instant createdAt, Instant emailedAt, String emailNote) {

    static ReportView of(StoredReport report) {
      return new ReportView(report.id(), report.workflowId(), report.type().key(), report.from(), report.to(),
          report.pdfBytes(), report.csvBytes(), report.createdAt(), report.emailedAt(), report.emailNote());
    }
  }
}
