package com.partnerplatform.listing;

import com.partnerplatform.user.ChildNotifications;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

/**
 * What the listing workflows share: their e-mail and in-app messages (shown by the default
 * templates: the subject and message given here), how they write times and scores, and the pauses
 * between attempts at a step that must happen eventually. For workflow code only.
 */
final class ListingWorkflowSupport {

  /** The first pause before a step that failed all its activity retries is tried again. */
  static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
  /** Pauses double up to this. */
  static final Duration MAX_PAUSE = Duration.ofHours(1);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ListingWorkflowSupport() {}

  /**
   * Sends an e-mail and in-app message as a child workflow, once per {@code dedupKey} and user.
   *
   * @param type the notification type, e.g. {@code listing_approved}
   */
  static void send(UUID userId, String type, String dedupKey, String subject, String message,
      Map<String, String> data, String taskQueue) {
    ChildNotifications.start(new NotificationRequest(userId, type, subject, message, data,
        EnumSet.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), false, dedupKey), taskQueue);
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** A score as people write it: 0.9, 0.65, 1. */
  static String score(BigDecimal score) {
    return score.stripTrailingZeros().toPlainString();
  }

  static Duration nextPause(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
  }

  /** What went wrong, without the SDK's wrapping (an activity failure's cause). */
  static String messageOf(TemporalFailure failure) {
    Throwable cause = failure instanceof ActivityFailure && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : cause.getMessage();
  }
}
