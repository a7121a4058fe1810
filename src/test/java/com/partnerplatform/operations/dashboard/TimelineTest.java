package com.partnerplatform.operations.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.operations.dashboard.BusinessSteps.ShownStep;
import com.partnerplatform.operations.dashboard.BusinessSteps.State;
import com.partnerplatform.operations.dashboard.Timeline.Bar;
import com.partnerplatform.operations.dashboard.Timeline.Kind;
import com.partnerplatform.operations.dashboard.Timeline.MarkKind;
import com.partnerplatform.operations.dashboard.Timeline.Outcome;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timelines and business-step diagrams built from histories recorded by the workflow tests. */
class TimelineTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void aPaidPaymentRunsEveryStepOnceWithoutCompensation() {
    Timeline timeline = timeline("PaymentWorkflow", "payment/payment-paid-history.json");

    assertThat(activities(timeline)).extracting(Bar::name).containsExactly("PaymentValidate",
        "PaymentReserveInventory", "PaymentCharge", "PaymentMarkPaid", "PaymentRequestFulfilment");
    assertThat(timeline.bars()).allMatch(bar -> !bar.compensation() && !bar.pending());
    assertThat(timeline.bars()).filteredOn(bar -> bar.kind() == Kind.CHILD).extracting(Bar::name)
        .containsExactly("NotificationWorkflow");
    assertThat(timeline.running()).isFalse();
    assertThat(timeline.marks()).last().extracting(Timeline.Mark::label).isEqualTo("Completed");
    assertThat(diagram("PaymentWorkflow", timeline).main()).extracting(ShownStep::state).containsOnly(State.DONE);
    assertThat(diagram("PaymentWorkflow", timeline).branch()).extracting(ShownStep::state)
        .containsOnly(State.NOT_REACHED);
  }

  @Test
  void aFailedPaymentMarksItsCompensationsAndTheFailureNotification() {
    Timeline timeline = timeline("PaymentWorkflow", "payment/payment-inventory-unavailable-history.json");

    Bar reserve = activities(timeline).get(1);
    assertThat(reserve.name()).isEqualTo("PaymentReserveInventory");
    assertThat(reserve.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(reserve.failure()).startsWith("INVENTORY_UNAVAILABLE");
    assertThat(reserve.compensation()).isFalse();
    assertThat(timeline.bars()).filteredOn(Bar::compensation).extracting(Bar::name)
        .containsExactly("PaymentReleaseInventory", "PaymentMarkPaymentFailed", "NotificationWorkflow");
    assertThat(timeline.compensated()).isTrue();
    assertThat(diagram("PaymentWorkflow", timeline).main()).extracting(ShownStep::state)
        .containsExactly(State.DONE, State.FAILED, State.NOT_REACHED, State.NOT_REACHED, State.NOT_REACHED);
    assertThat(diagram("PaymentWorkflow", timeline).branch()).extracting(ShownStep::state)
        .containsExactly(State.NOT_REACHED, State.DONE, State.DONE);
  }

  @Test
  void aDeclineThenANewMethodShowsTheSignalTheWaitAndNoCompensation() {
    Timeline timeline = timeline("PaymentWorkflow", "payment/payment-declined-then-paid-history.json");

    assertThat(activities(timeline)).filteredOn(bar -> bar.name().equals("PaymentCharge"))
        .extracting(Bar::outcome).containsExactly(Outcome.FAILED, Outcome.COMPLETED);
    assertThat(timeline.marks()).extracting(Timeline.Mark::label).contains("Signal retryPayment");
    assertThat(timeline.bars()).filteredOn(bar -> bar.kind() == Kind.TIMER).isNotEmpty();
    assertThat(timeline.compensated()).isFalse();
  }

  @Test
  void retriedActivitiesKeepTheirAttemptsThePreviousFailureAndTheBackoffTime() {
    Timeline timeline = timeline("ListingApprovalWorkflow", "listing/approval-publish-retried-history.json");

    List<Bar> publishes = activities(timeline).stream().filter(bar -> bar.name().equals("ListingPublish")).toList();
    assertThat(publishes).extracting(Bar::attempt).containsExactly(3, 3, 2);
    assertThat(publishes).extracting(Bar::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.COMPLETED);
    assertThat(publishes.get(0).failedAttempts()).isEqualTo(3);
    assertThat(publishes.get(0).failure()).isNotBlank();
    assertThat(publishes.get(2).failedAttempts()).isEqualTo(1);
    assertThat(publishes.get(2).retrying()).isPositive();
    assertThat(timeline.marks()).extracting(Timeline.Mark::label).contains("Update approve accepted");
    assertThat(diagram("ListingApprovalWorkflow", timeline).main()).extracting(ShownStep::state)
        .containsOnly(State.DONE);
  }

  @Test
  void localActivitiesAreBarsFromTheirMarkersWithTheirAttempts() {
    Timeline timeline = timeline("ListingApprovalWorkflow", "listing/approval-local-publish-retried-history.json");

    List<Bar> local = timeline.bars().stream().filter(bar -> bar.kind() == Kind.LOCAL_ACTIVITY).toList();
    assertThat(local).extracting(Bar::name).startsWith("ListingValidate", "ListingScore", "ListingMarkPendingReview",
        "ListingReviewers", "ListingApprove", "ListingPublish");
    List<Bar> publishes = local.stream().filter(bar -> bar.name().equals("ListingPublish")).toList();
    assertThat(publishes).extracting(Bar::attempt).containsExactly(3, 3, 2);
    assertThat(publishes).extracting(Bar::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.COMPLETED);
    assertThat(publishes.get(0).failure()).contains("search engine unavailable");
    assertThat(local).allMatch(bar -> !bar.scheduled().isAfter(bar.closed()) && !bar.compensation());
    assertThat(diagram("ListingApprovalWorkflow", timeline).main()).extracting(ShownStep::state)
        .containsOnly(State.DONE);
  }

  @Test
  void aRunThatContinuedAsNewLinksItsSuccessor() {
    Timeline timeline = timeline("ListingExpirationWorkflow", "listing/expiration-continued-as-new-history.json");

    assertThat(timeline.continuedAsNewRunId()).isNotBlank();
    assertThat(timeline.marks()).last().extracting(Timeline.Mark::kind).isEqualTo(MarkKind.CLOSED);
    assertThat(BusinessSteps.of("ListingExpirationWorkflow", timeline)).isNull();
  }

  @Test
  void anOnboardingWaitingForVerificationShowsItsSignalsAndTheEndItTook() {
    Timeline verified = timeline("OnboardingWorkflow", "onboarding/onboarding-verified-history.json");
    Timeline unverified = timeline("OnboardingWorkflow", "onboarding/onboarding-unverified-history.json");

    assertThat(diagram("OnboardingWorkflow", verified).main()).extracting(ShownStep::state).containsOnly(State.DONE);
    assertThat(diagram("OnboardingWorkflow", unverified).main()).extracting(ShownStep::state)
        .containsExactly(State.DONE, State.DONE, State.NOT_REACHED, State.NOT_REACHED);
    assertThat(diagram("OnboardingWorkflow", unverified).branch()).extracting(ShownStep::state)
        .containsExactly(State.DONE, State.NOT_REACHED);
  }

  @Test
  void aRunningHistoryEndsNowWithItsOpenStepsPending() {
    List<io.temporal.api.history.v1.HistoryEvent> events = events("payment/payment-paid-history.json");
    int chargeScheduled = 0;
    while (!(events.get(chargeScheduled).hasActivityTaskScheduledEventAttributes() && events.get(chargeScheduled)
        .getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("PaymentCharge"))) {
      chargeScheduled++;
    }
    Timeline timeline = Timeline.of("PaymentWorkflow", events.subList(0, chargeScheduled + 1), NOW);

    assertThat(timeline.running()).isTrue();
    assertThat(timeline.end()).isEqualTo(NOW);
    assertThat(timeline.pendingBars()).extracting(Bar::name).containsExactly("PaymentCharge");
    assertThat(timeline.percentAt(NOW)).isEqualTo(100.0);
    assertThat(timeline.percentAt(timeline.start())).isEqualTo(0.0);
  }

  @Test
  void anApprovalWaitingForAReviewerShowsThatStepAsTheActiveOne() {
    List<io.temporal.api.history.v1.HistoryEvent> events = events("listing/approval-approved-history.json");
    int decision = 0;
    while (!events.get(decision).hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
      decision++;
    }
    Timeline waiting = Timeline.of("ListingApprovalWorkflow", events.subList(0, decision), NOW);

    assertThat(diagram("ListingApprovalWorkflow", waiting).main()).extracting(ShownStep::state)
        .containsExactly(State.DONE, State.DONE, State.ACTIVE, State.NOT_REACHED, State.NOT_REACHED);
  }

  private static List<Bar> activities(Timeline timeline) {
    return timeline.bars().stream().filter(bar -> bar.kind() == Kind.ACTIVITY).toList();
  }

  private static BusinessSteps.Shown diagram(String type, Timeline timeline) {
    return BusinessSteps.of(type, timeline);
  }

  private static Timeline timeline(String type, String resource) {
    return Timeline.of(type, events(resource), NOW);
  }

  static List<io.temporal.api.history.v1.HistoryEvent> events(String resource) {
    try (InputStream in = TimelineTest.class.getClassLoader().getResourceAsStream(resource)) {
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getEvents();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
