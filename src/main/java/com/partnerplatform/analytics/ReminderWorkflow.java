package com.partnerplatform.analytics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Waits on a durable timer until the reminder's time, checks it still holds, and notifies the user. */
@WorkflowInterface
public interface ReminderWorkflow {

  @WorkflowMethod
  ReminderStatus run(ReminderRequest request);
}
