package com.partnerplatform.analytics;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.UUID;

/** The side effects of the report workflow; each may run more than once with the effect of once. */
@ActivityInterface(namePrefix = "Report")
public interface ReportActivities {

  /** Reads the figures of the type's sections for the period from the database and the engine. */
  ReportFigures gather(ReportType type, Instant from, Instant to);

  /** Renders the PDF and CSV into the reports directory and writes the metadata row, once per report id. */
  StoredFiles store(UUID reportId, String workflowId, ReportFigures figures);

  /**
   * E-mails the report to the recipients, with the PDF attached unless it exceeds the size limit.
   *
   * @return to whom it went, and whether without the attachment
   */
  String email(UUID reportId);

  record StoredFiles(long pdfBytes, long csvBytes) {}
}
