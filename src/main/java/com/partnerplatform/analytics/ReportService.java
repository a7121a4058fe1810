package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReportStore.StoredReport;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.platform.web.PageView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Starts reports on demand and serves the stored ones. */
@Service
class ReportService {

  static final int MAX_PAGE_SIZE = 100;

  private final WorkflowClient client;
  private final ReportStore reports;
  private final ReportProperties properties;
  private final ScheduleProperties schedules;
  private final TemporalSettings temporal;

  ReportService(WorkflowClient client, ReportStore reports, ReportProperties properties, ScheduleProperties schedules,
      TemporalSettings temporal) {
    this.client = client;
    this.reports = reports;
    this.properties = properties;
    this.schedules = schedules;
    this.temporal = temporal;
  }

  /**
   * Starts {@code report-{uuid}} for the period. A date (without a time) as {@code from} means the
   * start of that day, as {@code to} the end of that day, in the schedules' time zone.
   *
   * @return the workflow id
   */
  String start(String type, String from, String to) {
    ReportType reportType = ReportType.fromKey(type).orElseThrow(() -> ApiException.badRequest(
        "UNKNOWN_REPORT_TYPE", "type must be sales, platform or performance; got '" + type + "'."));
    Instant start = instant("from", from, false);
    Instant end = instant("to", to, true);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("INVALID_PERIOD", "from (" + start + ") must be before to (" + end + ").");
    }
    if (Duration.between(start, end).compareTo(properties.maxPeriod()) > 0) {
      throw ApiException.badRequest("PERIOD_TOO_LONG",
          "A report covers at most " + properties.maxPeriod().toDays() + " days.");
    }
    String workflowId = "report-" + UUID.randomUUID();
    ReportWorkflow workflow = client.newWorkflowStub(ReportWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(temporal.taskQueue(DomainQueue.ANALYTICS))
        .setWorkflowExecutionTimeout(temporal.workflowTimeout("medium"))
        .build());
    WorkflowClient.start(workflow::run, new ReportRequest(reportType, start, end));
    return workflowId;
  }

  private Instant instant(String field, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("INVALID_PERIOD", field + " is required (an ISO date or date-time).");
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneId.of(schedules.timeZone())).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      throw ApiException.badRequest("INVALID_PERIOD",
          field + " must be an ISO date (2026-11-25) or date-time (2026-11-25T08:00:00Z); got '" + value + "'.");
    }
  }

  PageView<StoredReport> page(int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw ApiException.badRequest("INVALID_PAGE", "page must be at least 0 and size between 1 and "
          + MAX_PAGE_SIZE + ".");
    }
    return new PageView<>(reports.page(page, size), page, size, reports.count());
  }

  /** The file of a stored report in the format asked for. */
  Download download(UUID id, String format) {
    if (!"pdf".equalsIgnoreCase(format) && !"csv".equalsIgnoreCase(format)) {
      throw ApiException.badRequest("UNKNOWN_FORMAT", "format must be pdf or csv; got '" + format + "'.");
    }
    StoredReport report = reports.find(id).orElseThrow(() ->
        ApiException.notFound("REPORT_NOT_FOUND", "There is no report " + id + "."));
    boolean pdf = "pdf".equalsIgnoreCase(format);
    Path file = properties.directory().resolve(pdf ? report.pdfFile() : report.csvFile());
    if (!Files.isRegularFile(file)) {
      throw ApiException.notFound("REPORT_FILE_MISSING", "The " + format + " file of report " + id
          + " is no longer in the reports directory.");
    }
    return new Download(file, pdf ? "application/pdf" : "text/csv", file.getFileName().toString());
  }

  record Download(Path file, String contentType, String fileName) {}
}
