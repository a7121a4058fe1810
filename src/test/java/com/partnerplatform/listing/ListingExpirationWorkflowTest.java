package com.partnerplatform.listing;

import static com.partnerplatform.listing.ListingWorkflowTesting.LISTINGS_QUEUE;
import static com.partnerplatform.listing.ListingWorkflowTesting.LISTING_OPTIONS;
import static com.partnerplatform.listing.ListingWorkflowTesting.USERS_QUEUE;
import static com.partnerplatform.listing.ListingWorkflowTesting.await;
import static com.partnerplatform.listing.ListingWorkflowTesting.awaitSent;
import static com.partnerplatform.listing.ListingWorkflowTesting.notificationsAbout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.platform.temporal.UpdateRefusals;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import com.partnerplatform.user.RecordingNotificationWorkflow.Sent;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/** Reminders, renewals, unpublishing and expiry on durable timers, with mocked activities and skipped time. */
// Each test skips weeks of time in seconds; should the test server's time skipping stall, the
// timeout turns waiting in real time into a failure the build reruns.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ListingExpirationWorkflowTest {

  private static final List<Integer> REMINDER_DAYS = List.of(7, 1);
  private static final int MAX_RENEWAL_DAYS = 365;
  /** Twenty renewals take about 300 history events. */
  private static final int HISTORY_BOUND = 600;

  private final ListingActivities activities = mock(ListingActivities.class, withSettings().withoutAnnotations());
  private final UUID listingId = UUID.randomUUID();
  private final UUID ownerId = UUID.randomUUID();
  private final String workflowId = ListingWorkflowIds.expiration(listingId);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ListingExpirationWorkflow workflow;
  private WorkflowExecution firstRun;
  private Instant expiresAt;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker listings = env.newWorker(LISTINGS_QUEUE);
    listings.registerWorkflowImplementationTypes(LISTING_OPTIONS, ListingExpirationWorkflowImpl.class);
    listings.registerActivitiesImplementations(activities);
    env.newWorker(USERS_QUEUE).registerWorkflowImplementationTypes(RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void thePartnerIsRemindedSevenDaysAndOneDayBeforeTheListingExpiresThenItExpires() {
    live(Duration.ofDays(30));
    assertThat(workflow.getStatus()).isEqualTo(new ExpiryStatus(expiresAt, false, List.of(),
        expiresAt.minus(Duration.ofDays(7))));

    sleepUntil(expiresAt.minus(Duration.ofHours(1)));

    List<Sent> reminders = reminders();
    assertTimes(reminders, expiresAt.minus(Duration.ofDays(7)), expiresAt.minus(Duration.ofDays(1)));
    assertThat(reminders).extracting(sent -> sent.request().subject()).containsExactly(
        "Listing Expiring Soon - 7 Days Remaining", "Listing Expiring Soon - 1 Day Remaining");
    NotificationRequest reminder = reminders.get(0).request();
    assertThat(reminder.type()).isEqualTo("listing_expiring");
    assertThat(reminder.userId()).isEqualTo(ownerId);
    assertThat(reminder.channels()).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.IN_APP);
    assertThat(reminder.message()).contains(listingId.toString(), ListingWorkflowSupport.time(expiresAt));
    assertThat(reminder.data()).containsEntry("daysRemaining", "7").containsEntry("expiresAt", expiresAt.toString());
    assertThat(workflow.getStatus()).isEqualTo(new ExpiryStatus(expiresAt, false, List.of(7, 1), null));
    verify(activities, never()).expire(any(), any());

    ExpiryStatus ended = result();

    assertThat(ended).isEqualTo(new ExpiryStatus(expiresAt, true, List.of(7, 1), null));
    InOrder order = inOrder(activities);
    order.verify(activities).expire(listingId, expiresAt);
    order.verify(activities).removeFromSearch(listingId);
    NotificationRequest expired = awaitSent(listingId, "Listing Expired");
    assertThat(expired.type()).isEqualTo("listing_expired");
    assertThat(expired.message()).contains(ListingWorkflowSupport.time(expiresAt));
    assertThat(firstAt("ListingExpire")).isBetween(expiresAt, expiresAt.plusSeconds(30));
    ListingWorkflowTesting.record(client.fetchHistory(workflowId), "expiration-reminded-expired");
  }

  @Test
  void aReminderWhoseTimeHadPassedWhenTheListingWentLiveIsSkipped() {
    live(Duration.ofDays(3));

    ExpiryStatus ended = result();

    assertThat(ended.remindersSent()).containsExactly(1);
    List<Sent> reminders = reminders();
    assertTimes(reminders, expiresAt.minus(Duration.ofDays(1)));
    assertThat(reminders.get(0).request().subject()).isEqualTo("Listing Expiring Soon - 1 Day Remaining");
  }

  @Test
  void aRenewalMovesTheExpiryAndTheRemindersFollowIt() {
    live(Duration.ofDays(30));
    Instant firstExpiry = expiresAt;
    sleepUntil(firstExpiry.minus(Duration.ofDays(3)));

    ExpiryStatus renewed = workflow.renew(10);

    Instant newExpiry = firstExpiry.plus(Duration.ofDays(10));
    assertThat(renewed).isEqualTo(new ExpiryStatus(newExpiry, false, List.of(), newExpiry.minus(Duration.ofDays(7))));
    verify(activities).setExpiry(listingId, newExpiry);
    sleepUntil(firstExpiry.plus(Duration.ofHours(1)));
    verify(activities, never()).expire(any(), any());

    ExpiryStatus ended = result();

    assertThat(ended.expiresAt()).isEqualTo(newExpiry);
    verify(activities).expire(listingId, newExpiry);
    // The first expiry's seven-day reminder, then the new expiry's two; none at the old expiry's last day.
    assertTimes(reminders(), firstExpiry.minus(Duration.ofDays(7)), newExpiry.minus(Duration.ofDays(7)),
        newExpiry.minus(Duration.ofDays(1)));
    assertThat(reminders()).extracting(sent -> sent.request().data().get("expiresAt"))
        .containsExactly(firstExpiry.toString(), newExpiry.toString(), newExpiry.toString());
    ListingWorkflowTesting.record(client.fetchHistory(workflowId), "expiration-renewed-expired");
  }

  @Test
  void aShortRenewalSkipsTheNewExpirysRemindersThatArePastAlready() {
    live(Duration.ofDays(30));
    Instant firstExpiry = expiresAt;
    sleepUntil(firstExpiry.minus(Duration.ofDays(3)));

    ExpiryStatus renewed = workflow.renew(2);

    Instant newExpiry = firstExpiry.plus(Duration.ofDays(2));
    assertThat(renewed.nextReminderAt()).isEqualTo(newExpiry.minus(Duration.ofDays(1)));
    result();
    assertTimes(reminders(), firstExpiry.minus(Duration.ofDays(7)), newExpiry.minus(Duration.ofDays(1)));
  }

  @Test
  void aRenewalAddsOneDayToTheMostAllowed() {
    live(Duration.ofDays(30));

    assertThat(refusal(stub -> stub.renew(0))).isEqualTo(ListingErrors.INVALID_RENEWAL);
    assertThat(refusal(stub -> stub.renew(-3))).isEqualTo(ListingErrors.INVALID_RENEWAL);
    assertThat(refusal(stub -> stub.renew(MAX_RENEWAL_DAYS + 1))).isEqualTo(ListingErrors.INVALID_RENEWAL);
    verify(activities, never()).setExpiry(any(), any());

    assertThat(workflow.renew(MAX_RENEWAL_DAYS).expiresAt()).isEqualTo(expiresAt.plus(Duration.ofDays(365)));
    assertThat(workflow.renew(1).expiresAt()).isEqualTo(expiresAt.plus(Duration.ofDays(366)));
  }

  @Test
  void aRenewalThatCannotBeRecordedFailsAndTheExpiryStays() {
    live(Duration.ofDays(30));
    doThrow(ApplicationFailure.newNonRetryableFailure("Listing is expired", ListingErrors.STATE_CONFLICT))
        .when(activities).setExpiry(any(), any());

    WorkflowUpdateException failed = catchThrowableOfType(WorkflowUpdateException.class, () -> workflow.renew(5));

    assertThat(failed).isNotNull();
    assertThat(failed.getCause()).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.getType()).isEqualTo(ListingErrors.RENEWAL_FAILED));
    assertThat(workflow.getStatus().expiresAt()).isEqualTo(expiresAt);
  }

  @Test
  void unpublishingEndsTheListingAtOnceAndItTakesNoMoreChanges() throws Exception {
    CountDownLatch expiring = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(invocation -> {
      expiring.countDown();
      release.await(30, TimeUnit.SECONDS);
      return null;
    }).when(activities).expire(any(), any());
    live(Duration.ofDays(30));
    sleepUntil(expiresAt.minus(Duration.ofDays(20)));
    Instant unpublishedAt = now();

    WorkflowUpdateHandle<ExpiryStatus> unpublishing = WorkflowStub.fromTyped(workflow)
        .startUpdate("unpublish", WorkflowUpdateStage.ACCEPTED, ExpiryStatus.class);
    assertThat(expiring.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(refusal(stub -> stub.renew(5))).isEqualTo(ListingErrors.NOT_LIVE);
    assertThat(refusal(ListingExpirationWorkflow::unpublish)).isEqualTo(ListingErrors.NOT_LIVE);
    release.countDown();
    ExpiryStatus unpublished = unpublishing.getResult(30, TimeUnit.SECONDS);

    assertThat(unpublished.ended()).isTrue();
    assertThat(unpublished.expiresAt()).isBetween(unpublishedAt, unpublishedAt.plusSeconds(30));
    InOrder order = inOrder(activities);
    order.verify(activities).expire(listingId, unpublished.expiresAt());
    order.verify(activities).removeFromSearch(listingId);
    assertThat(result()).isEqualTo(unpublished);
    NotificationRequest notice = awaitSent(listingId, "Listing Unpublished");
    assertThat(notice.type()).isEqualTo("listing_unpublished");
    assertThat(notificationsAbout(listingId)).extracting(sent -> sent.request().subject())
        .containsExactly("Listing Unpublished");
    ListingWorkflowTesting.record(client.fetchHistory(workflowId), "expiration-unpublished");
  }

  @Test
  void theListingExpiresEvenWhenTheDatabaseIsDownForAWhile() {
    doThrow(new IllegalStateException("database unavailable"))
        .doThrow(new IllegalStateException("database unavailable"))
        .doThrow(new IllegalStateException("database unavailable"))
        .doThrow(new IllegalStateException("database unavailable"))
        .doNothing()
        .when(activities).expire(any(), any());
    live(Duration.ofDays(2));

    ExpiryStatus ended = result();

    assertThat(ended.ended()).isTrue();
    verify(activities, times(5)).expire(listingId, expiresAt);
    verify(activities).removeFromSearch(listingId);
    assertThat(scheduled("ListingExpire")).hasSize(2);
  }

  @Test
  void aLongLifeOfManyRenewalsContinuesAsNewAndKeepsWorking() {
    live(Duration.ofDays(30));
    int renewals = 2 * ListingExpirationWorkflowImpl.RENEWALS_PER_RUN + 5;

    for (int i = 1; i <= renewals; i++) {
      assertThat(workflow.renew(1).expiresAt()).isEqualTo(expiresAt.plus(Duration.ofDays(i)));
    }
    Instant finalExpiry = expiresAt.plus(Duration.ofDays(renewals));

    List<History> runs = runs();
    assertThat(runs).hasSize(3);
    assertThat(runs).allSatisfy(run -> assertThat(run.getEventsCount()).isLessThan(HISTORY_BOUND));
    assertThat(runs.subList(0, 2)).allSatisfy(run -> assertThat(last(run).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW));
    assertThat(workflow.getStatus()).isEqualTo(new ExpiryStatus(finalExpiry, false, List.of(),
        finalExpiry.minus(Duration.ofDays(7))));
    ExpiryStatus ended = result();
    assertThat(ended.expiresAt()).isEqualTo(finalExpiry);
    assertThat(ended.remindersSent()).containsExactly(7, 1);
    verify(activities).expire(listingId, finalExpiry);
    assertTimes(reminders(), finalExpiry.minus(Duration.ofDays(7)), finalExpiry.minus(Duration.ofDays(1)));
    // The middle run: continued from its predecessor, continued as new in turn.
    String middleRun = runIds().get(1);
    ListingWorkflowTesting.record(client.fetchHistory(workflowId, middleRun), "expiration-continued-as-new");
  }

  // --- helpers

  /** Starts the life of a listing that expires {@code lifetime} from now. */
  private void live(Duration lifetime) {
    expiresAt = now().plus(lifetime);
    workflow = client.newWorkflowStub(ListingExpirationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(LISTINGS_QUEUE)
        .build());
    firstRun = WorkflowClient.start(workflow::run, new ExpirationRequest(listingId, ownerId, expiresAt, REMINDER_DAYS,
        List.of(), USERS_QUEUE, MAX_RENEWAL_DAYS));
    workflow.getStatus();
  }

  private ExpiryStatus result() {
    return client.newUntypedWorkflowStub(workflowId).getResult(ExpiryStatus.class);
  }

  private String refusal(Function<ListingExpirationWorkflow, ExpiryStatus> update) {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class,
        () -> update.apply(workflow));
    assertThat(refused).as("a refusal").isNotNull();
    return UpdateRefusals.refusalIn(refused, ListingErrors.REFUSALS).orElseThrow().getType();
  }

  private void sleepUntil(Instant instant) {
    env.sleep(Duration.between(now(), instant));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private List<Sent> reminders() {
    return notificationsAbout(listingId).stream()
        .filter(sent -> sent.request().type().equals("listing_expiring"))
        .toList();
  }

  /** Reminders go out when due, give or take the moments the test server takes to process them. */
  private static void assertTimes(List<Sent> sent, Instant... expected) {
    assertThat(sent).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(sent.get(i).at())
          .isBetween(expected[i].minusSeconds(1), expected[i].plusSeconds(30));
    }
  }

  private Instant firstAt(String activityType) {
    return scheduled(activityType).get(0);
  }

  private List<Instant> scheduled(String activityType) {
    List<Instant> scheduled = new ArrayList<>();
    runs().forEach(run -> run.getEventsList().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
            .equals(activityType))
        .forEach(event -> scheduled.add(ListingWorkflowTesting.at(event))));
    return scheduled;
  }

  /** The histories of every run so far, following continue-as-new from the first. */
  private List<History> runs() {
    return runIds().stream().map(runId -> client.fetchHistory(workflowId, runId).getHistory()).toList();
  }

  private List<String> runIds() {
    List<String> runIds = new ArrayList<>();
    String runId = firstRun.getRunId();
    while (runId != null) {
      runIds.add(runId);
      HistoryEvent last = last(client.fetchHistory(workflowId, runId).getHistory());
      runId = last.hasWorkflowExecutionContinuedAsNewEventAttributes()
          ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
          : null;
    }
    return runIds;
  }

  private static HistoryEvent last(History history) {
    return history.getEvents(history.getEventsCount() - 1);
  }
}
