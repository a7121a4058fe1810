package com.partnerplatform.analytics;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Gather → store (PDF, CSV, metadata row) → e-mail. A run without a period (the daily schedule's)
 * covers the 24 hours before it started, to the minute.
 */
public class ReportWorkflowImpl implements ReportWorkflow {

  private static final Logger log = Workflow.getLogger(ReportWorkflowImpl.class);

  private final ReportActivities activities = Workflow.newActivityStub(ReportActivities.class);

  @Override
  public ReportResult run(ReportRequest request) {
    Instant to = request.to() != null ? request.to()
        : Instant.ofEpochMilli(Workflow.currentTimeMillis()).truncatedTo(ChronoUnit.MINUTES);
    Instant from = request.from() != null ? request.from() : to.minus(Duration.ofDays(1));
    UUID reportId = Workflow.randomUUID();
    ReportFigures figures = activities.gather(request.type(), from, to);
    ReportActivities.StoredFiles files = activities.store(reportId, Workflow.getInfo().getWorkflowId(), figures);
    String emailNote = activities.email(reportId);
    log.info("Report {} ({}, {} to {}): {}", reportId, request.type().key(), from, to, emailNote);
    return new ReportResult(reportId, request.type(), from, to, files.pdfBytes(), files.csvBytes(), emailNote);
  }
}
