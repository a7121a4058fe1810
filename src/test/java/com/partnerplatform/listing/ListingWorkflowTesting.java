package com.partnerplatform.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import com.partnerplatform.platform.temporal.ApplicationYaml;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import com.partnerplatform.user.RecordingNotificationWorkflow.Sent;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.internal.history.LocalActivityMarkerUtils;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * What the listing workflow tests share: the configuration of application.yml, queues, waiting, the
 * notifications sent.
 */
final class ListingWorkflowTesting {

  static final String LISTINGS_QUEUE = "listings-test";
  static final String USERS_QUEUE = "users-test";

  private static final Binder CONFIGURATION = ApplicationYaml.withOverrides("{}");

  /** The seed's listing terms as application.yml sets them (48 h review, 0.8, reminders 7 and 1 days, 30 days). */
  static final ListingProperties TERMS = CONFIGURATION.bindOrCreate("platform.listing", ListingProperties.class);

  /**
   * What the workers apply on the listings queue: the listing options (MEDIUM timeout, STANDARD
   * retries) of the configuration hierarchy.
   */
  static final WorkflowImplementationOptions LISTING_OPTIONS = new ActivityOptionsCatalog(
      CONFIGURATION.bindOrCreate("platform.temporal", TemporalSettings.class))
      .workflowOptions(DomainQueue.LISTINGS.defaultActivityOptions(), Map.of());

  private ListingWorkflowTesting() {}

  /** Polls (queries and history reads do not let the test server skip time) until the value is there. */
  static <T> T await(String what, Supplier<T> value, Predicate<T> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    T current = value.get();
    while (!done.test(current) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      current = value.get();
    }
    assertThat(done.test(current)).as(what + ", last seen: " + current).isTrue();
    return current;
  }

  /** The notifications about one listing (their dedup keys name it), oldest first. */
  static List<Sent> notificationsAbout(UUID listingId) {
    return RecordingNotificationWorkflow.where(request -> request.dedupKey().contains("-" + listingId + "-"));
  }

  /** The notification about the listing with this subject, once its workflow has run. */
  static NotificationRequest awaitSent(UUID listingId, String subject) {
    return await("notification " + subject, () -> notificationsAbout(listingId).stream()
        .filter(sent -> sent.request().subject().equals(subject)).findFirst(), Optional::isPresent).orElseThrow()
        .request();
  }

  static Instant at(HistoryEvent event) {
    return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }

  /**
   * When each call of these activity types began, in order: its scheduling, or for a local activity
   * its marker (the end of the workflow task it ran in; the marker's own scheduling time is the
   * worker's clock, which the time-skipping test server does not move).
   */
  static List<Instant> calls(WorkflowExecutionHistory history, Collection<String> types) {
    List<Instant> calls = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()
          && types.contains(event.getActivityTaskScheduledEventAttributes().getActivityType().getName())) {
        calls.add(at(event));
      } else if (LocalActivityMarkerUtils.hasLocalActivityStructure(event)
          && types.contains(LocalActivityMarkerUtils.getActivityTypeName(event.getMarkerRecordedEventAttributes()))) {
        calls.add(at(event));
      }
    }
    return calls;
  }

  /** When the workflow's first task started: its clock's start. */
  static Instant startOf(WorkflowClient client, String workflowId) {
    return at(client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(HistoryEvent::hasWorkflowTaskStartedEventAttributes).findFirst().orElseThrow());
  }

  /**
   * Writes a history for the replay tests when RECORD_LISTING_HISTORIES names a directory (e.g.
   * src/test/resources/listing): how the recorded histories were made.
   */
  static void record(WorkflowExecutionHistory history, String name) {
    String directory = System.getenv("RECORD_LISTING_HISTORIES");
    if (directory == null || directory.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(directory, name + "-history.json"), history.toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException("could not record " + name, e);
    }
  }
}
