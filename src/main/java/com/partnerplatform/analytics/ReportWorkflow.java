package com.partnerplatform.analytics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Gathers a period's figures, renders them as PDF and CSV, stores and e-mails them. */
@WorkflowInterface
public interface ReportWorkflow {

  @WorkflowMethod
  ReportResult run(ReportRequest request);
}
