package com.partnerplatform.user.notification;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationWorkflow;
import com.partnerplatform.user.Notifications;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.springframework.stereotype.Service;

/**
 * Starts one {@link NotificationWorkflow} per notification on the users task queue. The workflow id
 * carries the dedup key and Temporal rejects a second start of an id, running or finished (within
 * the namespace's retention), so the same notification is sent once.
 */
@Service
class TemporalNotifications implements Notifications {

  private final WorkflowClient client;
  private final TemporalSettings settings;

  TemporalNotifications(WorkflowClient client, TemporalSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public String send(NotificationRequest request) {
    if (request.userId() == null || !NotificationTypes.isValid(request.type())
        || request.dedupKey() == null || request.dedupKey().isBlank()) {
      throw new IllegalArgumentException(
          "A notification needs a user id, a type matching " + NotificationTypes.PATTERN + " and a dedup key");
    }
    NotificationWorkflow workflow = client.newWorkflowStub(NotificationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.workflowId())
        .setTaskQueue(settings.taskQueue(DomainQueue.USERS))
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    try {
      WorkflowClient.start(workflow::send, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Sent (or being sent) already: the existing execution is the answer.
    }
    return request.workflowId();
  }
}
