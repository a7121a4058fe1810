package com.partnerplatform.analytics;

import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for the notification workflow on the users queue: records each request and when it started. */
public class RecordingNotifications implements NotificationWorkflow {

  record Sent(NotificationRequest request, Instant at) {}

  static final Map<String, Sent> SENT = new ConcurrentHashMap<>();

  @Override
  public NotificationResult send(NotificationRequest request) {
    SENT.put(Workflow.getInfo().getWorkflowId(),
        new Sent(request, Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    return getStatus();
  }

  @Override
  public NotificationResult getStatus() {
    return new NotificationResult(Map.of());
  }
}
