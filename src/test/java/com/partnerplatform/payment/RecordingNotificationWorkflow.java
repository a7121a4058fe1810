package com.partnerplatform.payment;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.workflow.Workflow;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the user domain's notification workflow on the users queue: records each request
 * under its workflow id (replays record the same entry again) and reports every channel sent.
 */
public class RecordingNotificationWorkflow implements NotificationWorkflow {

  private static final Map<String, NotificationRequest> SENT = new ConcurrentHashMap<>();

  private NotificationResult result = new NotificationResult(Map.of());

  @Override
  public NotificationResult send(NotificationRequest request) {
    SENT.put(Workflow.getInfo().getWorkflowId(), request);
    Map<NotificationChannel, ChannelOutcome> outcomes = new EnumMap<>(NotificationChannel.class);
    request.channels().forEach(channel -> outcomes.put(channel, ChannelOutcome.sent()));
    result = new NotificationResult(outcomes);
    return result;
  }

  @Override
  public NotificationResult getStatus() {
    return result;
  }

  /** The notifications about one order, by workflow id. */
  static Map<String, NotificationRequest> about(UUID orderId) {
    Map<String, NotificationRequest> about = new TreeMap<>();
    SENT.forEach((workflowId, request) -> {
      if (request.dedupKey().startsWith("payment-" + orderId + "-")) {
        about.put(workflowId, request);
      }
    });
    return about;
  }

  static List<String> typesAbout(UUID orderId) {
    return about(orderId).values().stream().map(NotificationRequest::type).toList();
  }
}
