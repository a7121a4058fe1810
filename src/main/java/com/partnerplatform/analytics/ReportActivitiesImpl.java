package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReportFigures.Executions;
import com.partnerplatform.analytics.ReportFigures.Workflows;
import com.partnerplatform.analytics.ReportStore.StoredReport;
import com.partnerplatform.analytics.ReportType.ReportSection;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.temporal.TemporalEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

@Component
class ReportActivitiesImpl implements ReportActivities {

  /** More executions than this in one period are reported as "at least". */
  static final int MAX_EXECUTIONS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(ReportActivitiesImpl.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final ReportQueries queries;
  private final ReportStore reports;
  private final ReportProperties properties;
  private final AnalyticsMail mail;
  private final WorkflowClient client;
  private final TemporalEngine engine;
  private final Clock clock;

  ReportActivitiesImpl(ReportQueries queries, ReportStore reports, ReportProperties properties, AnalyticsMail mail,
      WorkflowClient client, TemporalEngine engine, Clock clock) {
    this.queries = queries;
    this.reports = reports;
    this.properties = properties;
    this.mail = mail;
    this.client = client;
    this.engine = engine;
    this.clock = clock;
  }

  @Override
  public ReportFigures gather(ReportType type, Instant from, Instant to) {
    Instant takenAt = SqlTimestamps.now(clock);
    return new ReportFigures(type, from, to, takenAt,
        type.sections().contains(ReportSection.USERS) ? queries.users(from, to) : null,
        type.sections().contains(ReportSection.LISTINGS) ? queries.listings(from, to) : null,
        type.sections().contains(ReportSection.ORDERS) ? queries.orders(from, to) : null,
        type.sections().contains(ReportSection.SUBSCRIPTIONS) ? queries.subscriptions() : null,
        type.sections().contains(ReportSection.WORKFLOWS) ? workflows(from, to) : null);
  }

  /** Executions started in the period, per type and status, from the engine's visibility store. */
  private Workflows workflows(Instant from, Instant to) {
    if (!engine.supportsServerFeatures()) {
      return new Workflows(false, "Not available: the in-memory Temporal engine has no visibility queries;"
          + " run against a Temporal server (dev-server or external mode).", List.of());
    }
    Map<String, Long> counts = new TreeMap<>();
    String query = "StartTime >= '" + from + "' AND StartTime < '" + to + "'";
    long seen = client.listExecutions(query).limit(MAX_EXECUTIONS + 1L)
        .peek(execution -> counts.merge(key(execution), 1L, Long::sum))
        .count();
    List<Executions> executions = new ArrayList<>();
    counts.forEach((key, count) -> {
      String[] parts = key.split("\t");
      executions.add(new Executions(parts[0], parts[1], count));
    });
    return new Workflows(true, seen > MAX_EXECUTIONS
        ? "More than " + MAX_EXECUTIONS + " executions started in the period: the counts cover the first "
            + MAX_EXECUTIONS + " only." : null, executions);
  }

  private static String key(WorkflowExecutionMetadata execution) {
    return execution.getWorkflowType() + "\t" + WorkflowStatuses.label(execution.getStatus());
  }

  @Override
  public StoredFiles store(UUID reportId, String workflowId, ReportFigures figures) {
    StoredReport existing = reports.find(reportId).orElse(null);
    if (existing != null) {
      return new StoredFiles(existing.pdfBytes(), existing.csvBytes());
    }
    String base = figures.type().key() + "-" + DAY.format(figures.from()) + "-" + reportId;
    byte[] pdf = ReportRenderer.pdf(figures);
    byte[] csv = ReportRenderer.csv(figures);
    write(base + ".pdf", pdf);
    write(base + ".csv", csv);
    try {
      reports.insert(new StoredReport(reportId, workflowId, figures.type(), figures.from(), figures.to(),
          base + ".pdf", pdf.length, base + ".csv", csv.length, SqlTimestamps.now(clock), null, null));
    } catch (DuplicateKeyException sameRunAgain) {
      log.debug("Report {} was stored by an earlier attempt", reportId);
    }
    log.info("Report {} ({}, {} to {}) stored: {} bytes of PDF, {} of CSV", reportId, figures.type().key(),
        figures.from(), figures.to(), pdf.length, csv.length);
    return new StoredFiles(pdf.length, csv.length);
  }

  /** Written as a scratch file first and renamed, so the directory never shows a partial report. */
  private void write(String name, byte[] content) {
    try {
      Files.createDirectories(properties.scratchDirectory());
      Path scratch = Files.createTempFile(properties.scratchDirectory(), name, ".part");
      Files.write(scratch, content);
      Files.move(scratch, properties.directory().resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + name + " into " + properties.directory(), e);
    }
  }

  @Override
  public String email(UUID reportId) {
    StoredReport report = reports.find(reportId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "There is no report " + reportId, "REPORT_NOT_FOUND"));
    if (report.emailedAt() != null) {
      return report.emailNote();
    }
    List<String> recipients = properties.recipients().isEmpty() ? mail.adminAddresses() : properties.recipients();
    String note;
    if (recipients.isEmpty()) {
      note = "Not e-mailed: no recipients are configured and there is no admin.";
    } else {
      boolean attach = report.pdfBytes() <= properties.maxSize().toBytes();
      String download = mail.publicBaseUrl() + "/api/admin/reports/" + reportId + "/download?format=";
      String text = "The " + report.type().key() + " report for " + TIME.format(report.from()) + " to "
          + TIME.format(report.to()) + " is ready.\n\n"
          + (attach ? "The PDF is attached.\n" : "The PDF (" + report.pdfBytes() + " bytes) exceeds the e-mail limit"
              + " of " + properties.maxSize().toBytes() + " bytes, so it is not attached.\n")
          + "PDF: " + download + "pdf\nCSV: " + download + "csv\n";
      mail.send(recipients, "Partner Platform " + report.type().key() + " report, " + TIME.format(report.from())
          + " to " + TIME.format(report.to()), text, attach ? properties.directory().resolve(report.pdfFile()) : null,
          report.pdfFile());
      note = "Sent to " + String.join(", ", recipients) + (attach ? " with the PDF attached."
          : " without the PDF: it exceeds the " + properties.maxSize() + " limit.");
    }
    reports.markEmailed(reportId, SqlTimestamps.now(clock), note);
    log.info("Report {}: {}", reportId, note);
    return note;
  }
}
