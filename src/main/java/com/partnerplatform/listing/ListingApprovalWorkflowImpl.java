package com.partnerplatform.listing;

import static com.partnerplatform.listing.ListingWorkflowSupport.now;

import com.partnerplatform.listing.ListingRules.QualityReport;
import com.partnerplatform.platform.temporal.UpdateRefusals;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The review of one submission. Updates only record the decision and wake the review, which
 * carries it out; an update answers once its decision is in the table (and, for an approval, the
 * first publishing attempt is over and the expiration workflow runs).
 *
 * <p>The outcome is settled once: by the first accepted decision, by the review timeout, or by
 * failed validation. From then on every decision is refused.
 */
public class ListingApprovalWorkflowImpl implements ListingApprovalWorkflow {

  private static final Logger log = Workflow.getLogger(ListingApprovalWorkflowImpl.class);

  /** Since this version the steps run as local activities; reviews started before keep tasks. */
  static final String LOCAL_STEPS = "local-steps";

  /** Every step is a short write or read of the table or the search index. */
  private ListingActivities activities;
  private final ApprovalRequest request;
  private final Instant submittedAt;

  private Step step = Step.VALIDATING;
  private ListingStatus status = ListingStatus.PENDING_REVIEW;
  private QualityReport quality;
  private List<String> validationErrors = List.of();
  private Instant decisionDeadline;
  /** The outcome is fixed: no decision is accepted any more. */
  private boolean settled;
  private Decision decision;
  /** The outcome is in the table: a failure from now on leaves the listing alone. */
  private boolean recorded;
  /** Waiting updates may answer. */
  private boolean answered;
  private boolean decidedByTimeout;
  private Instant expiresAt;

  @WorkflowInit
  public ListingApprovalWorkflowImpl(ApprovalRequest request) {
    this.request = request;
    this.submittedAt = now();
  }

  @Override
  public ApprovalProgress run(ApprovalRequest request) {
    // Local activities: each step is a marker in the current workflow task instead of a task of its
    // own, so a submission reaches the review queue, and a decision its answer, in a third of the
    // engine round trips (README "Performance").
    activities = Workflow.getVersion(LOCAL_STEPS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
        ? Workflow.newActivityStub(ListingActivities.class)
        : Workflow.newLocalActivityStub(ListingActivities.class);
    try {
      review();
    } catch (TemporalFailure failure) {
      // Cancelling the workflow is a failure too: the listing must not stay under review.
      Workflow.newDetachedCancellationScope(() -> failed(failure)).run();
      throw failure;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return getStatus();
  }

  // --- updates and query

  @Override
  public void validateApprove(ReviewDecision decision) {
    requireDecidable(decision);
  }

  @Override
  public ApprovalProgress approve(ReviewDecision decision) {
    return settle(new Decision(Kind.APPROVE, decision.reviewerId(), decision.comment()));
  }

  @Override
  public void validateReject(ReviewDecision decision) {
    requireDecidable(decision);
    if (decision.comment() == null || decision.comment().isBlank()) {
      throw UpdateRefusals.refusal(ListingErrors.COMMENT_REQUIRED,
          "A rejection needs a comment that tells the partner what to change.");
    }
  }

  @Override
  public ApprovalProgress reject(ReviewDecision decision) {
    return settle(new Decision(Kind.REJECT, decision.reviewerId(), decision.comment()));
  }

  @Override
  public void validateWithdraw(UUID requestedBy) {
    requireUnsettled();
    if (!request.ownerId().equals(requestedBy)) {
      throw UpdateRefusals.refusal(ListingErrors.NOT_OWNER, "Only the listing's owner can withdraw it.");
    }
  }

  @Override
  public ApprovalProgress withdraw(UUID requestedBy) {
    return settle(new Decision(Kind.WITHDRAW, null, null));
  }

  @Override
  public ApprovalProgress getStatus() {
    return new ApprovalProgress(step.value(), status, quality == null ? null : quality.score(),
        quality == null ? List.of() : quality.issues(), validationErrors, submittedAt, decisionDeadline,
        decision == null ? null : decision.comment(), decision == null ? null : decision.reviewer(),
        decidedByTimeout, expiresAt);
  }

  private void requireDecidable(ReviewDecision decision) {
    if (step != Step.PENDING_REVIEW) {
      throw notPending();
    }
    requireUnsettled();
    if (decision.reviewerId() == null) {
      throw new IllegalArgumentException("A decision needs the reviewer's id.");
    }
    if (decision.reviewerId().equals(request.ownerId())) {
      throw UpdateRefusals.refusal(ListingErrors.OWN_LISTING, "Reviewers cannot decide on their own listings.");
    }
  }

  private void requireUnsettled() {
    if (settled) {
      throw notPending();
    }
  }

  private IllegalStateException notPending() {
    return UpdateRefusals.refusal(ListingErrors.NOT_PENDING, settled
        ? "The review of this listing is decided already."
        : "The listing is not waiting for a decision yet (" + step.value() + ").");
  }

  private ApprovalProgress settle(Decision accepted) {
    decision = accepted;
    settled = true;
    Workflow.await(() -> answered);
    return getStatus();
  }

  // --- the review

  private void review() {
    List<String> errors = activities.validate(request.listingId());
    if (!settled && !errors.isEmpty()) {
      validationFailed(errors);
      return;
    }
    if (!settled) {
      step = Step.SCORING;
      quality = activities.score(request.listingId());
    }
    if (!settled) {
      awaitDecision();
    }
    carryOut(decision);
  }

  private void awaitDecision() {
    decisionDeadline = now().plus(request.reviewTimeout());
    activities.markPendingReview(request.listingId(), quality, decisionDeadline);
    step = Step.PENDING_REVIEW;
    if (!settled) {
      notifyReviewers();
    }
    Duration left = Duration.between(now(), decisionDeadline);
    if (!left.isNegative()) {
      Workflow.await(left, () -> settled);
    }
    if (!settled) {
      settled = true;
      decidedByTimeout = true;
      decision = byScore();
    }
  }

  /** Nobody decided in time: a good enough listing goes live, the others need a reviewer after all. */
  private Decision byScore() {
    String score = ListingWorkflowSupport.score(quality.score());
    return quality.score().compareTo(request.autoApprovalThreshold()) >= 0
        ? new Decision(Kind.APPROVE, null, "Auto-approved after timeout (quality score: " + score + ")")
        : new Decision(Kind.REJECT, null,
            "Auto-rejected after timeout (requires manual review, quality score: " + score + ")");
  }

  private void carryOut(Decision decision) {
    step = Step.DECIDING;
    switch (decision.kind()) {
      case APPROVE -> approved(decision);
      case REJECT -> rejected(decision);
      case WITHDRAW -> withdrawn();
    }
  }

  private void validationFailed(List<String> errors) {
    settled = true;
    step = Step.NOTIFYING;
    activities.markValidationFailed(request.listingId(), errors);
    status = ListingStatus.VALIDATION_FAILED;
    validationErrors = List.copyOf(errors);
    recordedAndAnswered();
    Map<String, String> data = data();
    data.put("errors", String.join("\n", errors));
    notifyOwner("listing_validation_failed", "validation-failed", "Listing Validation Failed",
        "Your listing " + request.listingId() + " could not be submitted for review:\n- "
            + String.join("\n- ", errors) + "\nPlease correct these issues and submit it again.", data);
    step = Step.DONE;
  }

  private void approved(Decision decision) {
    expiresAt = activities.approve(request.listingId(), decision.comment(), decision.reviewer(),
        now().plus(request.activeFor()));
    status = ListingStatus.APPROVED;
    recorded = true;
    step = Step.PUBLISHING;
    Boolean live = publish();
    step = live == null ? Step.PUBLISH_PENDING : Step.NOTIFYING;
    startExpiration();
    answered = true;
    // The search engine is down: the listing is live in the table and expiring; keep at it until it is searchable.
    Duration pause = ListingWorkflowSupport.FIRST_PAUSE;
    while (live == null) {
      Workflow.sleep(pause);
      pause = ListingWorkflowSupport.nextPause(pause);
      live = publish();
    }
    step = Step.NOTIFYING;
    if (live) {
      Map<String, String> data = data();
      data.put("expiresAt", expiresAt.toString());
      notifyOwner("listing_approved", "approved", "Listing Approved - Now Live!",
          "Congratulations! Your listing " + request.listingId() + " is approved and visible to everyone until "
              + ListingWorkflowSupport.time(expiresAt) + "." + commentLine(decision), data);
    }
    step = Step.DONE;
  }

  /**
   * One publishing attempt, with the activity's retries.
   *
   * @return true when searchable, false when the listing is no longer live, null when it failed
   */
  private Boolean publish() {
    try {
      return activities.publish(request.listingId());
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof ApplicationFailure cause && cause.isNonRetryable()) {
        log.warn("Listing {} cannot be published: {}", request.listingId(), cause.getOriginalMessage());
        return false;
      }
      log.warn("Publishing listing {} failed; trying again later: {}", request.listingId(),
          ListingWorkflowSupport.messageOf(failure));
      return null;
    }
  }

  /** The listing's life until it expires, in a workflow of its own that outlives this one. */
  private void startExpiration() {
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(ListingWorkflowIds.expiration(request.listingId()))
        .setTaskQueue(Workflow.getInfo().getTaskQueue())
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build();
    ExpirationRequest life = new ExpirationRequest(request.listingId(), request.ownerId(), expiresAt,
        request.reminderDays(), List.of(), request.notificationTaskQueue(), request.maxRenewalDays());
    // Detached: cancelling this workflow later must not cancel the listing's life.
    Workflow.newDetachedCancellationScope(() -> {
      ListingExpirationWorkflow child = Workflow.newChildWorkflowStub(ListingExpirationWorkflow.class, options);
      Async.function(child::run, life);
      Workflow.getWorkflowExecution(child).get();
    }).run();
  }

  private void rejected(Decision decision) {
    activities.reject(request.listingId(), decision.comment(), decision.reviewer());
    status = ListingStatus.REJECTED;
    step = Step.NOTIFYING;
    recordedAndAnswered();
    Map<String, String> data = data();
    data.put("comment", decision.comment());
    notifyOwner("listing_rejected", "rejected", "Listing Rejected", "Your listing " + request.listingId()
        + " was not approved." + commentLine(decision) + "\nPlease address the issues and submit it again.", data);
    step = Step.DONE;
  }

  private void withdrawn() {
    activities.withdraw(request.listingId());
    status = ListingStatus.DRAFT;
    step = Step.DONE;
    recordedAndAnswered();
  }

  private void recordedAndAnswered() {
    recorded = true;
    answered = true;
  }

  /** Ends a review that went wrong before its outcome was recorded: the listing is marked and the partner told. */
  private void failed(TemporalFailure failure) {
    String message = failure instanceof CanceledFailure ? "The review was cancelled."
        : ListingWorkflowSupport.messageOf(failure);
    log.error("Review of listing {} failed: {}", request.listingId(), message);
    settled = true;
    step = Step.FAILED;
    if (!recorded) {
      status = ListingStatus.ERROR;
      try {
        activities.markError(request.listingId(), message);
      } catch (ActivityFailure markFailed) {
        log.error("Listing {} could not be marked as failed: {}", request.listingId(),
            ListingWorkflowSupport.messageOf(markFailed));
      }
      Map<String, String> data = data();
      data.put("error", message);
      notifyOwner("listing_approval_error", "error", "Listing Approval Error", "An error occurred while reviewing"
          + " your listing " + request.listingId() + ": " + message + "\nPlease contact support for assistance.", data);
    }
    answered = true;
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  // --- notifications

  private void notifyReviewers() {
    List<UUID> reviewers = activities.reviewers();
    Map<String, String> data = data();
    data.put("qualityScore", quality.score().toPlainString());
    data.put("decisionDeadline", decisionDeadline.toString());
    String message = "Listing " + request.listingId() + " waits for your review. Its quality score is "
        + ListingWorkflowSupport.score(quality.score()) + (quality.issues().isEmpty() ? "" : " ("
        + String.join("; ", quality.issues()) + ")") + ". Please decide by "
        + ListingWorkflowSupport.time(decisionDeadline) + "; after that the score decides.";
    for (UUID reviewer : reviewers) {
      // Reviewers cannot decide on their own listings.
      if (!reviewer.equals(request.ownerId())) {
        ListingWorkflowSupport.send(reviewer, "listing_review_requested", dedupKey("review-requested"),
            "Listing pending review", message, data, request.notificationTaskQueue());
      }
    }
  }

  private void notifyOwner(String type, String dedupSuffix, String subject, String message, Map<String, String> data) {
    ListingWorkflowSupport.send(request.ownerId(), type, dedupKey(dedupSuffix), subject, message, data,
        request.notificationTaskQueue());
  }

  /** One per submission: a listing submitted again gets its notifications again. */
  private String dedupKey(String suffix) {
    return ListingWorkflowIds.approval(request.listingId()) + "-" + submittedAt.toEpochMilli() + "-" + suffix;
  }

  private Map<String, String> data() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("listingId", request.listingId().toString());
    return data;
  }

  private static String commentLine(Decision decision) {
    return decision.comment() == null || decision.comment().isBlank()
        ? "" : "\nReview comment: " + decision.comment();
  }

  private enum Kind {
    APPROVE,
    REJECT,
    WITHDRAW
  }

  /** @param reviewer null for the timeout and for a withdrawal */
  private record Decision(Kind kind, UUID reviewer, String comment) {}

  private enum Step {
    VALIDATING,
    SCORING,
    PENDING_REVIEW,
    DECIDING,
    PUBLISHING,
    PUBLISH_PENDING,
    NOTIFYING,
    DONE,
    FAILED;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
