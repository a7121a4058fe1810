package com.partnerplatform.user;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** For workflow code of other domains: sends a notification as a child workflow. */
public final class ChildNotifications {

  private static final Logger log = Workflow.getLogger(ChildNotifications.class);

  private ChildNotifications() {}

  /**
   * Starts the notification as a child that outlives the calling workflow; its outcome is the
   * notification's business, never the caller's. Waits only until the child has started.
   *
   * @param taskQueue the users queue
   */
  public static void start(NotificationRequest message, String taskQueue) {
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(message.workflowId())
        .setTaskQueue(taskQueue)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build();
    Workflow.newDetachedCancellationScope(() -> {
      NotificationWorkflow child = Workflow.newChildWorkflowStub(NotificationWorkflow.class, options);
      Async.function(child::send, message);
      try {
        Workflow.getWorkflowExecution(child).get();
      } catch (TemporalFailure e) {
        log.warn("Notification {} was not started: {}", message.workflowId(), e.getMessage());
      }
    }).run();
  }
}
