package com.partnerplatform.user.onboarding;

import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Stands in for the notification workflow: records each request and answers as the test says. */
class RecordingNotificationWorkflow implements NotificationWorkflow {

  private final List<NotificationRequest> requests;
  private final Function<NotificationRequest, NotificationResult> answer;
  private NotificationResult result = new NotificationResult(Map.of());

  /** @param requests where requests are recorded; shared with the test, so thread-safe */
  RecordingNotificationWorkflow(
      List<NotificationRequest> requests, Function<NotificationRequest, NotificationResult> answer) {
    this.requests = requests;
    this.answer = answer;
  }

  @Override
  public NotificationResult send(NotificationRequest request) {
    if (!Workflow.isReplaying()) {
      requests.add(request);
    }
    result = answer.apply(request);
    return result;
  }

  @Override
  public NotificationResult getStatus() {
    return result;
  }
}
