package com.partnerplatform.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * What a report run produced.
 *
 * @param reportId the id of its metadata row, for {@code /api/admin/reports/{id}/download}
 * @param emailNote who it was sent to, or why not (or without its attachment)
 */
public record ReportResult(UUID reportId, ReportType type, Instant from, Instant to, long pdfBytes, long csvBytes,
    String emailNote) {}
