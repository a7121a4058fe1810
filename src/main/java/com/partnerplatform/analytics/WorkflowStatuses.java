package com.partnerplatform.analytics;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Locale;

/** Execution statuses as the API and reports write them: {@code running}, {@code timed_out}, ... */
final class WorkflowStatuses {

  private static final String PREFIX = "WORKFLOW_EXECUTION_STATUS_";

  private WorkflowStatuses() {}

  static String label(WorkflowExecutionStatus status) {
    return status.name().startsWith(PREFIX)
        ? status.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT)
        : status.name().toLowerCase(Locale.ROOT);
  }
}
