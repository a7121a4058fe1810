package com.partnerplatform.operations.dashboard;

import com.partnerplatform.operations.dashboard.Timeline.Bar;
import com.partnerplatform.operations.dashboard.Timeline.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The business steps of the workflows operators follow most, each made of the activities (or
 * updates and signals) that carry it out, and which of them an execution's timeline went through.
 */
final class BusinessSteps {

  enum State { DONE, FAILED, ACTIVE, NOT_REACHED }

  /** A step on the main path or on a branch (an alternative ending or the compensations). */
  record Step(String label, Set<String> activities, Set<String> messages) {

    static Step of(String label, String... activities) {
      return new Step(label, Set.of(activities), Set.of());
    }
  }

  record Diagram(String title, List<Step> main, String branchTitle, List<Step> branch) {}

  record ShownStep(String label, State state) {}

  record Shown(String title, List<ShownStep> main, String branchTitle, List<ShownStep> branch) {}

  private static final Map<String, Diagram> DIAGRAMS = Map.of(
      "PaymentWorkflow", new Diagram("Payment saga",
          List.of(Step.of("Validate", "PaymentValidate"), Step.of("Reserve inventory", "PaymentReserveInventory"),
              Step.of("Charge", "PaymentCharge"), Step.of("Mark paid", "PaymentMarkPaid"),
              Step.of("Request fulfilment", "PaymentRequestFulfilment")),
          "Compensation",
          List.of(Step.of("Refund", "PaymentRefund"), Step.of("Release inventory", "PaymentReleaseInventory"),
              Step.of("Mark failed or cancelled", "PaymentMarkPaymentFailed", "PaymentMarkCancelled"))),
      "ListingApprovalWorkflow", new Diagram("Listing approval",
          List.of(Step.of("Validate", "ListingValidate"), Step.of("Score", "ListingScore"),
              Step.of("Wait for a reviewer", "ListingMarkPendingReview", "ListingReviewers"),
              Step.of("Approve", "ListingApprove"), Step.of("Publish", "ListingPublish")),
          "Other endings",
          List.of(Step.of("Reject", "ListingReject"), Step.of("Withdraw", "ListingWithdraw"),
              Step.of("Validation failed", "ListingMarkValidationFailed"), Step.of("Error", "ListingMarkError"))),
      "OnboardingWorkflow", new Diagram("Onboarding",
          List.of(Step.of("Begin", "BeginOnboarding"), Step.of("Send verification link", "IssueVerificationLink"),
              new Step("E-mail verified", Set.of(), Set.of("Signal emailVerified")), Step.of("Activate", "ActivateUser")),
          "Other endings",
          List.of(Step.of("Verification expired", "ExpireVerification"), Step.of("Failed", "MarkOnboardingFailed"))));

  private BusinessSteps() {}

  /** The diagram of a workflow type with the path this timeline took, or {@code null} for other types. */
  static Shown of(String workflowType, Timeline timeline) {
    Diagram diagram = DIAGRAMS.get(workflowType);
    if (diagram == null) {
      return null;
    }
    List<ShownStep> main = shown(diagram.main(), timeline);
    List<ShownStep> branch = shown(diagram.branch(), timeline);
    boolean nothingActive = main.stream().noneMatch(step -> step.state() == State.ACTIVE)
        && branch.stream().noneMatch(step -> step.state() == State.ACTIVE);
    if (timeline.running() && nothingActive) {
      // No activity runs: the workflow waits (for a reviewer, a signal, a timer) after its last step.
      main = waitingAfterLastDone(main);
    }
    return new Shown(diagram.title(), main, diagram.branchTitle(), branch);
  }

  private static List<ShownStep> waitingAfterLastDone(List<ShownStep> steps) {
    List<ShownStep> waiting = new java.util.ArrayList<>(steps);
    for (int i = waiting.size() - 1; i >= 0; i--) {
      if (waiting.get(i).state() == State.DONE) {
        waiting.set(i, new ShownStep(waiting.get(i).label(), State.ACTIVE));
        break;
      }
    }
    return List.copyOf(waiting);
  }

  private static List<ShownStep> shown(List<Step> steps, Timeline timeline) {
    return steps.stream().map(step -> new ShownStep(step.label(), state(step, timeline))).toList();
  }

  private static State state(Step step, Timeline timeline) {
    List<Bar> bars = timeline.bars().stream().filter(bar -> step.activities().contains(bar.name())).toList();
    boolean messaged = timeline.marks().stream().anyMatch(mark -> step.messages().contains(mark.label()));
    if (bars.isEmpty()) {
      return messaged ? State.DONE : State.NOT_REACHED;
    }
    Bar last = bars.get(bars.size() - 1);
    if (last.pending()) {
      return State.ACTIVE;
    }
    return bars.stream().anyMatch(bar -> bar.outcome() == Outcome.COMPLETED) ? State.DONE : State.FAILED;
  }
}
