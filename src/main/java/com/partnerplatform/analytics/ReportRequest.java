package com.partnerplatform.analytics;

import java.time.Instant;

/**
 * The input of a report workflow.
 *
 * @param from start of the period (inclusive); null with {@code to} for the 24 hours before the run
 * @param to end of the period (exclusive)
 */
public record ReportRequest(ReportType type, Instant from, Instant to) {}
