package com.partnerplatform.listing;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.workflow.Workflow;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the user domain's notification workflow on the users queue: records each request
 * under its workflow id (a replay records the same entry again) and reports every channel sent.
 */
public class RecordingNotificationWorkflow implements NotificationWorkflow {

  private static final Map<String, Sent> SENT = new ConcurrentHashMap<>();

  private NotificationResult result = new NotificationResult(Map.of());

  @Override
  public NotificationResult send(NotificationRequest request) {
    SENT.put(Workflow.getInfo().getWorkflowId(), new Sent(request, Workflow.currentTimeMillis()));
    Map<NotificationChannel, ChannelOutcome> outcomes = new EnumMap<>(NotificationChannel.class);
    request.channels().forEach(channel -> outcomes.put(channel, ChannelOutcome.sent()));
    result = new NotificationResult(outcomes);
    return result;
  }

  @Override
  public NotificationResult getStatus() {
    return result;
  }

  /** The notifications about one listing (their dedup keys name it), oldest first. */
  static List<Sent> about(UUID listingId) {
    return SENT.values().stream()
        .filter(sent -> sent.request().dedupKey().contains("-" + listingId + "-"))
        .sorted((a, b) -> Long.compare(a.atMillis(), b.atMillis()))
        .toList();
  }

  /** The notification about the listing with this subject, once its workflow has run. */
  static NotificationRequest awaitSent(UUID listingId, String subject) {
    return ListingWorkflowTesting.await("notification " + subject, () -> about(listingId).stream()
        .filter(sent -> sent.subject().equals(subject)).findFirst(), Optional::isPresent).orElseThrow().request();
  }

  /** @param atMillis workflow time when it was sent */
  record Sent(NotificationRequest request, long atMillis) {

    String subject() {
      return request.subject();
    }
  }
}
