package com.partnerplatform.user;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one notification on every channel the user has on, each channel on its own with its own
 * retries (seed: {@code sendNotificationWorkflow}). Runs on the users task queue with the id
 * {@link NotificationRequest#workflowId()}; other workflows may run it as a child.
 */
@WorkflowInterface
public interface NotificationWorkflow {

  @WorkflowMethod
  NotificationResult send(NotificationRequest request);

  /** The outcome of the channels finished so far. */
  @QueryMethod
  NotificationResult getStatus();
}
