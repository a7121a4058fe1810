package com.partnerplatform.user;

import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stands in for {@link NotificationWorkflow} in other workflows' tests: records each request under
 * its workflow id, with the workflow time it started at, and answers as the test says (by default,
 * sent on every channel asked for). A replay finds its entry there already. The record is shared by
 * every test of the JVM: tests look up their own notifications by workflow id or request.
 */
public class RecordingNotificationWorkflow implements NotificationWorkflow {

  /** In the order recorded, which breaks ties of workflow time. */
  private static final Map<String, Sent> SENT = Collections.synchronizedMap(new LinkedHashMap<>());

  private final Function<NotificationRequest, NotificationResult> answer;
  private NotificationResult result = new NotificationResult(Map.of());

  /** Reports every channel asked for as sent; for {@code registerWorkflowImplementationTypes}. */
  public RecordingNotificationWorkflow() {
    this(RecordingNotificationWorkflow::sentOnEveryChannel);
  }

  /** Answers each request as given; for {@code registerWorkflowImplementationFactory}. */
  public RecordingNotificationWorkflow(Function<NotificationRequest, NotificationResult> answer) {
    this.answer = answer;
  }

  @Override
  public NotificationResult send(NotificationRequest request) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    SENT.putIfAbsent(workflowId, new Sent(request, Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    result = answer.apply(request);
    return result;
  }

  @Override
  public NotificationResult getStatus() {
    return result;
  }

  public static NotificationResult sentOnEveryChannel(NotificationRequest request) {
    Map<NotificationChannel, ChannelOutcome> outcomes = new EnumMap<>(NotificationChannel.class);
    request.channels().forEach(channel -> outcomes.put(channel, ChannelOutcome.sent()));
    return new NotificationResult(outcomes);
  }

  /** The notification that ran with this workflow id, if one did. */
  public static Optional<Sent> sent(String workflowId) {
    return Optional.ofNullable(SENT.get(workflowId));
  }

  /** The notifications whose requests match, oldest first. */
  public static List<Sent> where(Predicate<NotificationRequest> condition) {
    List<Sent> matching = new ArrayList<>();
    synchronized (SENT) {
      SENT.values().stream().filter(sent -> condition.test(sent.request())).forEach(matching::add);
    }
    matching.sort(Comparator.comparing(Sent::at));
    return matching;
  }

  /** @param at workflow time when the notification started */
  public record Sent(NotificationRequest request, Instant at) {}
}
