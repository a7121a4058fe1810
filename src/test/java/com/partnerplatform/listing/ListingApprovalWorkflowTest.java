package com.partnerplatform.listing;

import static com.partnerplatform.listing.ListingWorkflowTesting.LISTINGS_QUEUE;
import static com.partnerplatform.listing.ListingWorkflowTesting.LISTING_OPTIONS;
import static com.partnerplatform.listing.ListingWorkflowTesting.TERMS;
import static com.partnerplatform.listing.ListingWorkflowTesting.USERS_QUEUE;
import static com.partnerplatform.listing.ListingWorkflowTesting.await;
import static com.partnerplatform.listing.ListingWorkflowTesting.awaitSent;
import static com.partnerplatform.listing.ListingWorkflowTesting.notificationsAbout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.listing.ListingRules.QualityReport;
import com.partnerplatform.platform.temporal.UpdateRefusals;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import com.partnerplatform.user.RecordingNotificationWorkflow.Sent;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The review's decisions, with mocked activities and skipped time. */
// Each test skips up to days of time in seconds; should the test server's time skipping stall, the
// timeout turns waiting in real time into a failure the build reruns.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ListingApprovalWorkflowTest {

  private static final QualityReport GOOD = new QualityReport(new BigDecimal("0.90"),
      List.of("Less than 5 images provided (recommended: 5-10)"), true);
  private static final UUID REVIEWER = UUID.randomUUID();
  private static final UUID OTHER_REVIEWER = UUID.randomUUID();

  private final ListingActivities activities = mock(ListingActivities.class, withSettings().withoutAnnotations());
  private final UUID listingId = UUID.randomUUID();
  private final UUID ownerId = UUID.randomUUID();
  private final String workflowId = ListingWorkflowIds.approval(listingId);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ListingApprovalWorkflow workflow;
  private Instant start;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker listings = env.newWorker(LISTINGS_QUEUE);
    listings.registerWorkflowImplementationTypes(LISTING_OPTIONS, ListingApprovalWorkflowImpl.class,
        ListingExpirationWorkflowImpl.class);
    listings.registerActivitiesImplementations(activities);
    env.newWorker(USERS_QUEUE).registerWorkflowImplementationTypes(RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
    when(activities.validate(listingId)).thenReturn(List.of());
    when(activities.score(listingId)).thenReturn(GOOD);
    // The owner is a reviewer too: they are not asked to review their own listing.
    when(activities.reviewers()).thenReturn(List.of(REVIEWER, ownerId, OTHER_REVIEWER));
    when(activities.approve(eq(listingId), any(), any(), any())).thenAnswer(invocation -> invocation.getArgument(3));
    when(activities.publish(listingId)).thenReturn(true);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aValidListingWaitsForAReviewerWithItsScoreAndEveryOtherReviewerIsAsked() {
    submit();

    ApprovalProgress pending = awaitStep("pending_review");

    assertThat(pending.status()).isEqualTo(ListingStatus.PENDING_REVIEW);
    assertThat(pending.qualityScore()).isEqualByComparingTo("0.90");
    assertThat(pending.qualityIssues()).isEqualTo(GOOD.issues());
    assertThat(pending.submittedAt()).isEqualTo(start);
    assertNear(pending.decisionDeadline(), start.plus(Duration.ofHours(48)));
    verify(activities).markPendingReview(listingId, GOOD, pending.decisionDeadline());
    List<Sent> asked = awaitNotifications(2);
    assertThat(asked).extracting(sent -> sent.request().userId()).containsExactlyInAnyOrder(REVIEWER, OTHER_REVIEWER);
    NotificationRequest request = asked.get(0).request();
    assertThat(request.type()).isEqualTo("listing_review_requested");
    assertThat(request.subject()).isEqualTo("Listing pending review");
    assertThat(request.message()).contains(listingId.toString(), "quality score is 0.9 ",
        ListingWorkflowSupport.time(pending.decisionDeadline()));
    assertThat(request.channels()).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.IN_APP);
    assertThat(request.data()).containsEntry("qualityScore", "0.90");
    verify(activities, never()).approve(any(), any(), any(), any());
  }

  @Test
  void anApprovalIsRecordedPublishedAndStartsTheListingsLifeBeforeItAnswers() {
    submit();
    awaitStep("pending_review");

    ApprovalProgress answer = workflow.approve(new ReviewDecision(REVIEWER, "Lovely photos"));

    assertThat(answer.status()).isEqualTo(ListingStatus.APPROVED);
    assertThat(answer.step()).isEqualTo("notifying");
    assertThat(answer.reviewedBy()).isEqualTo(REVIEWER);
    assertThat(answer.reviewComment()).isEqualTo("Lovely photos");
    assertThat(answer.decidedByTimeout()).isFalse();
    ArgumentCaptor<Instant> defaultExpiry = ArgumentCaptor.forClass(Instant.class);
    InOrder order = inOrder(activities);
    order.verify(activities).approve(eq(listingId), eq("Lovely photos"), eq(REVIEWER), defaultExpiry.capture());
    order.verify(activities).publish(listingId);
    assertNear(defaultExpiry.getValue(), start.plus(Duration.ofDays(30)));
    assertThat(answer.expiresAt()).isEqualTo(defaultExpiry.getValue());
    ListingExpirationWorkflow life = client.newWorkflowStub(ListingExpirationWorkflow.class,
        ListingWorkflowIds.expiration(listingId));
    assertThat(life.getStatus()).isEqualTo(new ExpiryStatus(answer.expiresAt(), false, List.of(),
        answer.expiresAt().minus(Duration.ofDays(7))));

    ApprovalProgress done = result();

    assertThat(done.step()).isEqualTo("done");
    assertThat(done.status()).isEqualTo(ListingStatus.APPROVED);
    NotificationRequest approved = awaitSent(listingId, "Listing Approved - Now Live!");
    assertThat(approved.type()).isEqualTo("listing_approved");
    assertThat(approved.message()).contains("Lovely photos", ListingWorkflowSupport.time(answer.expiresAt()));
    assertThat(approved.channels()).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.IN_APP);
    // The listing's life goes on after its review.
    assertThat(client.newUntypedWorkflowStub(ListingWorkflowIds.expiration(listingId)).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    verify(activities, never()).markError(any(), any());
    record("approved");
  }

  @Test
  void aRejectionNeedsACommentAndARefusedOneChangesNothing() {
    submit();
    awaitStep("pending_review");

    assertThat(refusal(stub -> stub.reject(new ReviewDecision(REVIEWER, "  "))))
        .isEqualTo(ListingErrors.COMMENT_REQUIRED);
    assertThat(refusal(stub -> stub.reject(new ReviewDecision(REVIEWER, null))))
        .isEqualTo(ListingErrors.COMMENT_REQUIRED);
    ApprovalProgress unchanged = workflow.getStatus();
    assertThat(unchanged.step()).isEqualTo("pending_review");
    assertThat(unchanged.reviewComment()).isNull();
    verify(activities, never()).reject(any(), any(), any());

    ApprovalProgress rejected = workflow.reject(new ReviewDecision(REVIEWER, "The photos show another flat."));

    assertThat(rejected.status()).isEqualTo(ListingStatus.REJECTED);
    verify(activities).reject(listingId, "The photos show another flat.", REVIEWER);
    assertThat(result().status()).isEqualTo(ListingStatus.REJECTED);
    NotificationRequest notice = awaitSent(listingId, "Listing Rejected");
    assertThat(notice.type()).isEqualTo("listing_rejected");
    assertThat(notice.message()).contains("The photos show another flat.");
    verify(activities, never()).publish(any());
    record("rejected");
  }

  @Test
  void decisionsSentWhileTheFirstIsBeingRecordedWaitForItAndAreRefused() throws Exception {
    CountDownLatch recording = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(activities.approve(eq(listingId), any(), any(), any())).thenAnswer(invocation -> {
      recording.countDown();
      release.await(30, TimeUnit.SECONDS);
      return invocation.getArgument(3);
    });
    submit();
    awaitStep("pending_review");
    CompletableFuture<ApprovalProgress> first =
        CompletableFuture.supplyAsync(() -> workflow.approve(new ReviewDecision(REVIEWER, null)));
    assertThat(recording.await(30, TimeUnit.SECONDS)).isTrue();

    // The decision is recorded by a local activity, inside the workflow task: the later decisions
    // are handled when that task is over, and by then the review is settled.
    List<CompletableFuture<String>> later = List.of(
        CompletableFuture.supplyAsync(() -> refusal(stub -> stub.approve(new ReviewDecision(OTHER_REVIEWER, null)))),
        CompletableFuture.supplyAsync(() -> refusal(stub -> stub.reject(new ReviewDecision(OTHER_REVIEWER, "No")))),
        CompletableFuture.supplyAsync(() -> refusal(stub -> stub.withdraw(ownerId))));
    release.countDown();

    for (CompletableFuture<String> refusal : later) {
      assertThat(refusal.get(30, TimeUnit.SECONDS)).isEqualTo(ListingErrors.NOT_PENDING);
    }
    assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(ListingStatus.APPROVED);
    assertThat(result().reviewedBy()).isEqualTo(REVIEWER);
    verify(activities, times(1)).approve(any(), any(), any(), any());
    verify(activities, never()).reject(any(), any(), any());
    verify(activities, never()).withdraw(any());
    record("concurrent-decisions");
  }

  @Test
  void aReviewerCannotDecideOnTheirOwnListing() {
    submit();
    awaitStep("pending_review");

    assertThat(refusal(stub -> stub.approve(new ReviewDecision(ownerId, "Mine is great"))))
        .isEqualTo(ListingErrors.OWN_LISTING);
    assertThat(refusal(stub -> stub.reject(new ReviewDecision(ownerId, "Mine is bad"))))
        .isEqualTo(ListingErrors.OWN_LISTING);
    assertThat(workflow.getStatus().step()).isEqualTo("pending_review");
    verify(activities, never()).approve(any(), any(), any(), any());
  }

  @ParameterizedTest
  @CsvSource({
      "0.90, APPROVED, 'Auto-approved after timeout (quality score: 0.9)'",
      "0.80, APPROVED, 'Auto-approved after timeout (quality score: 0.8)'",
      "0.75, REJECTED, 'Auto-rejected after timeout (requires manual review, quality score: 0.75)'",
      "0.60, REJECTED, 'Auto-rejected after timeout (requires manual review, quality score: 0.6)'"})
  void withoutADecisionIn48HoursTheScoreDecides(String score, ListingStatus outcome, String comment) {
    when(activities.score(listingId)).thenReturn(new QualityReport(new BigDecimal(score), List.of(), true));
    submit();
    ApprovalProgress pending = awaitStep("pending_review");

    env.sleep(Duration.ofHours(47));
    assertThat(workflow.getStatus().step()).isEqualTo("pending_review");
    ApprovalProgress decided = result();

    assertThat(decided.status()).isEqualTo(outcome);
    assertThat(decided.decidedByTimeout()).isTrue();
    assertThat(decided.reviewComment()).isEqualTo(comment);
    assertThat(decided.reviewedBy()).isNull();
    if (outcome == ListingStatus.APPROVED) {
      ArgumentCaptor<Instant> expiry = ArgumentCaptor.forClass(Instant.class);
      verify(activities).approve(eq(listingId), eq(comment), isNull(), expiry.capture());
      assertNear(expiry.getValue(), pending.decisionDeadline().plus(Duration.ofDays(30)));
      verify(activities).publish(listingId);
      assertThat(awaitSent(listingId, "Listing Approved - Now Live!").message()).contains(comment);
    } else {
      verify(activities).reject(listingId, comment, null);
      verify(activities, never()).publish(any());
      assertThat(awaitSent(listingId, "Listing Rejected").message()).contains(comment);
    }
    assertThat(decisionAt()).isAfterOrEqualTo(pending.decisionDeadline());
    record("timeout-" + score);
  }

  @Test
  void aListingThatBreaksTheRulesEndsValidationFailedWithEveryReasonMailed() {
    List<String> errors = List.of("Title must be at least 10 characters long", "At least one image is required");
    when(activities.validate(listingId)).thenReturn(errors);
    submit();

    ApprovalProgress failed = result();

    assertThat(failed.status()).isEqualTo(ListingStatus.VALIDATION_FAILED);
    assertThat(failed.step()).isEqualTo("done");
    assertThat(failed.validationErrors()).isEqualTo(errors);
    verify(activities).markValidationFailed(listingId, errors);
    verify(activities, never()).score(any());
    verify(activities, never()).reviewers();
    NotificationRequest notice = awaitSent(listingId, "Listing Validation Failed");
    assertThat(notice.type()).isEqualTo("listing_validation_failed");
    assertThat(notice.message()).contains(errors.get(0), errors.get(1));
    assertThat(notice.data()).containsEntry("errors", String.join("\n", errors));
    record("validation-failed");
  }

  @Test
  void theOwnerMayWithdrawAListingWaitingForReviewAndNobodyElseMay() {
    submit();
    awaitStep("pending_review");

    assertThat(refusal(stub -> stub.withdraw(REVIEWER))).isEqualTo(ListingErrors.NOT_OWNER);
    ApprovalProgress withdrawn = workflow.withdraw(ownerId);

    assertThat(withdrawn.status()).isEqualTo(ListingStatus.DRAFT);
    assertThat(withdrawn.step()).isEqualTo("done");
    verify(activities).withdraw(listingId);
    assertThat(result().status()).isEqualTo(ListingStatus.DRAFT);
    verify(activities, never()).approve(any(), any(), any(), any());
    verify(activities, never()).reject(any(), any(), any());
    record("withdrawn");
  }

  @Test
  void aWithdrawalSentWhileTheListingIsValidatedTakesEffectOnceTheReviewOpens() throws Exception {
    CountDownLatch validating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(activities.validate(listingId)).thenAnswer(invocation -> {
      validating.countDown();
      release.await(30, TimeUnit.SECONDS);
      return List.of();
    });
    submit();
    assertThat(validating.await(30, TimeUnit.SECONDS)).isTrue();

    // Validation is a local activity inside the workflow task: the withdrawal is handled after it.
    CompletableFuture<ApprovalProgress> withdrawal = CompletableFuture.supplyAsync(() -> workflow.withdraw(ownerId));
    release.countDown();

    assertThat(withdrawal.get(30, TimeUnit.SECONDS).status()).isEqualTo(ListingStatus.DRAFT);
    assertThat(result().status()).isEqualTo(ListingStatus.DRAFT);
    // At least once: the task that ran it may be retried when the update arrives as it completes.
    verify(activities, atLeastOnce()).withdraw(listingId);
    verify(activities, never()).approve(any(), any(), any(), any());
    record("withdrawn-while-validating");
  }

  @Test
  void whenSearchIsDownTheListingStaysApprovedAndPublishingIsRetriedUntilItWorks() {
    AtomicInteger attempts = new AtomicInteger();
    when(activities.publish(listingId)).thenAnswer(invocation -> {
      if (attempts.incrementAndGet() <= 7) {
        throw new IllegalStateException("search engine unavailable");
      }
      return true;
    });
    submit();
    awaitStep("pending_review");

    ApprovalProgress answer = workflow.approve(new ReviewDecision(REVIEWER, "Fine"));

    // Three attempts under the STANDARD retry policy failed: approved, not yet searchable.
    assertThat(answer.status()).isEqualTo(ListingStatus.APPROVED);
    assertThat(answer.step()).isEqualTo("publish_pending");
    assertThat(attempts).hasValue(3);
    assertThat(client.newWorkflowStub(ListingExpirationWorkflow.class, ListingWorkflowIds.expiration(listingId))
        .getStatus().expiresAt()).isEqualTo(answer.expiresAt());
    assertThat(notificationsAbout(listingId)).extracting(sent -> sent.request().subject())
        .doesNotContain("Listing Approved - Now Live!");

    ApprovalProgress done = result();

    assertThat(done.step()).isEqualTo("done");
    assertThat(done.status()).isEqualTo(ListingStatus.APPROVED);
    assertThat(attempts).hasValue(8);
    // Three activity calls: at once, and after pauses of one and two minutes.
    List<Instant> calls = scheduled("ListingPublish");
    assertThat(calls).hasSize(3);
    assertThat(Duration.between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(Duration.between(calls.get(1), calls.get(2))).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(awaitSent(listingId, "Listing Approved - Now Live!").message()).contains("Fine");
    verify(activities, never()).markError(any(), any());
    record("publish-retried");
  }

  @Test
  void anUnexpectedFailureMarksTheListingTellsThePartnerAndFailsTheWorkflow() {
    when(activities.score(listingId)).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "Listing " + listingId + " does not exist.", ListingErrors.NOT_FOUND));
    submit();

    WorkflowFailedException failure = catchThrowableOfType(WorkflowFailedException.class, this::result);

    assertThat(failure).isNotNull();
    verify(activities).markError(listingId, "Listing " + listingId + " does not exist.");
    NotificationRequest notice = awaitSent(listingId, "Listing Approval Error");
    assertThat(notice.type()).isEqualTo("listing_approval_error");
    assertThat(notice.message()).contains("does not exist");
    ApprovalProgress progress = workflow.getStatus();
    assertThat(progress.status()).isEqualTo(ListingStatus.ERROR);
    assertThat(progress.step()).isEqualTo("failed");
    record("failed");
  }

  // --- helpers

  private void submit() {
    workflow = client.newWorkflowStub(ListingApprovalWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(LISTINGS_QUEUE)
        .build());
    WorkflowClient.start(workflow::run, ApprovalRequest.of(listingId, ownerId, TERMS, USERS_QUEUE));
    workflow.getStatus();
    start = ListingWorkflowTesting.startOf(client, workflowId);
  }

  private ApprovalProgress awaitStep(String step) {
    return await("step " + step, workflow::getStatus, progress -> progress.step().equals(step));
  }

  /** Histories since the steps run as local activities: "approval-local-" (the earlier ones stay for replay). */
  private void record(String name) {
    ListingWorkflowTesting.record(client.fetchHistory(workflowId), "approval-local-" + name);
  }

  private ApprovalProgress result() {
    return client.newUntypedWorkflowStub(workflowId).getResult(ApprovalProgress.class);
  }

  private String refusal(Function<ListingApprovalWorkflow, ApprovalProgress> update) {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class,
        () -> update.apply(workflow));
    assertThat(refused).as("a refusal").isNotNull();
    return UpdateRefusals.refusalIn(refused, ListingErrors.REFUSALS).orElseThrow().getType();
  }

  private List<Sent> awaitNotifications(int count) {
    return await(count + " notifications", () -> notificationsAbout(listingId),
        sent -> sent.size() >= count);
  }

  /** When the decision was carried out: the first approve or reject activity. */
  private Instant decisionAt() {
    return ListingWorkflowTesting.calls(client.fetchHistory(workflowId), List.of("ListingApprove", "ListingReject"))
        .get(0);
  }

  private List<Instant> scheduled(String activityType) {
    return ListingWorkflowTesting.calls(client.fetchHistory(workflowId), List.of(activityType));
  }

  private static void assertNear(Instant actual, Instant expected) {
    assertThat(actual).isBetween(expected.minusSeconds(1), expected.plusSeconds(30));
  }
}
