package com.partnerplatform.user.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import com.partnerplatform.user.RecordingNotificationWorkflow.Sent;
import com.partnerplatform.user.UserStatus;
import com.partnerplatform.user.onboarding.OnboardingStart.Trigger;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The onboarding workflow with time skipping, mocked activities and a recording notification double. */
class OnboardingWorkflowTest {

  private static final String TASK_QUEUE = "onboarding-test";
  private static final Duration FIRST_REMINDER = Duration.ofHours(24);
  private static final Duration SECOND_REMINDER = Duration.ofHours(72);
  private static final Duration TIMEOUT = Duration.ofDays(7);

  private final UUID userId = UUID.randomUUID();
  private final OnboardingActivities activities =
      mock(OnboardingActivities.class, withSettings().withoutAnnotations());
  private final AtomicInteger linksIssued = new AtomicInteger();
  private volatile Function<NotificationRequest, NotificationResult> notificationAnswer =
      RecordingNotificationWorkflow::sentOnEveryChannel;

  private TestWorkflowEnvironment env;
  private Worker worker;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setDefaultActivityOptions(ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumAttempts(3)
                    .build())
                .build())
            .build(),
        OnboardingWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(NotificationWorkflow.class,
        () -> new RecordingNotificationWorkflow(request -> notificationAnswer.apply(request)));
    worker.registerActivitiesImplementations(activities);
    client = env.getWorkflowClient();

    when(activities.beginOnboarding(userId)).thenReturn(UserStatus.ONBOARDING);
    when(activities.issueVerificationLink(eq(userId), anyString(), anyString(), anyBoolean()))
        .thenAnswer(call -> link(linksIssued.incrementAndGet()));
    when(activities.activateUser(userId)).thenReturn(UserStatus.ACTIVE);
    when(activities.expireVerification(userId)).thenReturn(UserStatus.UNVERIFIED);
    when(activities.markOnboardingFailed(userId)).thenReturn(UserStatus.ONBOARDING_FAILED);
    env.start();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void remindsAfter24And72HoursAndEndsUnverifiedAfter7Days() {
    Instant startedAt = Instant.ofEpochMilli(env.currentTimeMillis());
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);

    env.sleep(Duration.ofHours(1));
    assertThat(notifications()).extracting(NotificationRequest::type, NotificationRequest::channels)
        .containsExactly(
            tuple("welcome", Set.of(NotificationChannel.EMAIL)),
            tuple("welcome", Set.of(NotificationChannel.IN_APP)));
    NotificationRequest welcome = notifications().get(0);
    assertThat(welcome.data()).containsEntry("name", "Ada Lovelace")
        .containsEntry("verificationUrl", link(1).url())
        .containsEntry("expiresAt", link(1).expiresAt().toString());
    assertThat(welcome.urgent()).isTrue();
    OnboardingProgress waiting = workflow.getProgress();
    assertThat(waiting.stepsDone()).containsExactly("welcome_email", "in_app_welcome");
    assertThat(waiting.currentStep()).isEqualTo("email_verification");
    assertThat(waiting.currentStepDeadline()).isCloseTo(startedAt.plus(TIMEOUT), within(Duration.ofMinutes(1)));
    assertThat(waiting.status()).isEqualTo("onboarding");

    env.sleep(FIRST_REMINDER.minusHours(2)); // 23 h after the start
    assertThat(notifications()).hasSize(2);
    env.sleep(Duration.ofHours(2)); // 25 h
    assertThat(notifications()).hasSize(3);
    assertThat(notifications().get(2).type()).isEqualTo("verification_reminder");
    assertThat(notifications().get(2).data()).containsEntry("verificationUrl", link(2).url());
    assertThat(workflow.getProgress().stepsDone())
        .containsExactly("welcome_email", "in_app_welcome", "reminder_email_1");

    env.sleep(SECOND_REMINDER.minus(FIRST_REMINDER).minusHours(2)); // 71 h
    assertThat(notifications()).hasSize(3);
    env.sleep(Duration.ofHours(2)); // 73 h
    assertThat(notifications()).hasSize(4);
    assertThat(notifications().get(3).type()).isEqualTo("verification_reminder");

    env.sleep(TIMEOUT.minus(SECOND_REMINDER).minusHours(2)); // 7 days - 1 h
    assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus().name()).isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("unverified");

    OnboardingProgress ended = workflow.getProgress();
    assertThat(ended.status()).isEqualTo("unverified");
    assertThat(ended.currentStep()).isNull();
    assertThat(ended.currentStepDeadline()).isNull();
    verify(activities).expireVerification(userId);
    verify(activities, never()).activateUser(any());
    // Only the first link replaces earlier ones; reminders leave the welcome link working.
    verify(activities).issueVerificationLink(eq(userId), eq("onboarding-" + userId), anyString(), eq(true));
    verify(activities, times(2)).issueVerificationLink(eq(userId), anyString(), anyString(), eq(false));
    assertThat(notifications()).hasSize(4);
  }

  @ParameterizedTest(name = "verified {0} h after the start")
  @ValueSource(ints = {0, 2, 30, 100})
  void verificationAtAnyPointActivatesAndSendsTheCompletionEmail(int hours) {
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);
    env.sleep(Duration.ofHours(hours));

    workflow.emailVerified();

    assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("active");
    verify(activities).activateUser(userId);
    NotificationRequest last = notifications().get(notifications().size() - 1);
    assertThat(last.type()).isEqualTo("onboarding_complete");
    assertThat(last.channels()).containsExactly(NotificationChannel.EMAIL);
    OnboardingProgress progress = workflow.getProgress();
    assertThat(progress.status()).isEqualTo("active");
    assertThat(progress.stepsDone()).endsWith("email_verified", "completion_email");
    assertThat(progress.currentStep()).isNull();
    verify(activities, never()).expireVerification(any());
  }

  @Test
  void resendSendsANewLinkThatReplacesTheEarlierOnes() {
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);
    env.sleep(Duration.ofHours(2));

    workflow.resendVerification();
    env.sleep(Duration.ofHours(1));

    assertThat(notifications()).hasSize(3);
    NotificationRequest resent = notifications().get(2);
    assertThat(resent.type()).isEqualTo("verification_reminder");
    assertThat(resent.channels()).containsExactly(NotificationChannel.EMAIL);
    assertThat(resent.data()).containsEntry("verificationUrl", link(2).url());
    verify(activities, times(2)).issueVerificationLink(eq(userId), anyString(), anyString(), eq(true));
    assertThat(workflow.getProgress().stepsDone())
        .containsExactly("welcome_email", "in_app_welcome", "verification_email_resent");
    assertThat(workflow.getProgress().currentStep()).isEqualTo("email_verification");
  }

  /** The user may ask for a new link as soon as the first one is in their mailbox. */
  @Test
  void aResendRequestWhileTheWelcomeEmailIsBeingSentGetsItsOwnLink() {
    notificationAnswer = request -> {
      if (request.dedupKey().endsWith("-welcome-email")) {
        Workflow.sleep(Duration.ofHours(1)); // the link is issued and on its way
      }
      return RecordingNotificationWorkflow.sentOnEveryChannel(request);
    };
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);
    env.sleep(Duration.ofMinutes(30));

    workflow.resendVerification();
    env.sleep(Duration.ofHours(2));

    assertThat(notifications()).extracting(NotificationRequest::dedupKey)
        .last().asString().endsWith("-resend-1");
    verify(activities, times(2)).issueVerificationLink(eq(userId), anyString(), anyString(), eq(true));
  }

  /** How resend starts a fresh run after an ended one: signal-with-start, the signal answered by the first link. */
  @Test
  void aRunStartedByAResendRequestSendsOneLinkAndNoWelcome() {
    OnboardingWorkflow workflow = client.newWorkflowStub(OnboardingWorkflow.class, options());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, input(Trigger.RESEND_REQUEST));
    request.add(workflow::resendVerification);
    client.signalWithStart(request);

    env.sleep(Duration.ofHours(1));

    assertThat(notifications()).extracting(NotificationRequest::type).containsExactly("verification_reminder");
    assertThat(notifications().get(0).dedupKey()).endsWith("-verification-email");
    assertThat(workflow.getProgress().stepsDone()).containsExactly("verification_email");
  }

  @Test
  void notificationsAreAbandonedChildrenNamedByTheirRequest() {
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);
    env.sleep(Duration.ofHours(1));
    workflow.emailVerified();
    WorkflowStub.fromTyped(workflow).getResult(String.class);

    String runId = WorkflowStub.fromTyped(workflow).getExecution().getRunId();
    assertThat(notifications()).extracting(NotificationRequest::dedupKey).containsExactly(
        "onboarding-" + runId + "-welcome-email",
        "onboarding-" + runId + "-welcome-in-app",
        "onboarding-" + runId + "-complete");
    List<StartChildWorkflowExecutionInitiatedEventAttributes> children =
        client.fetchHistory("onboarding-" + userId).getEvents().stream()
            .filter(event -> event.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
            .map(HistoryEvent::getStartChildWorkflowExecutionInitiatedEventAttributes)
            .toList();
    assertThat(children).extracting(child -> child.getWorkflowId())
        .containsExactlyElementsOf(notifications().stream().map(NotificationRequest::workflowId).toList());
    assertThat(children).allSatisfy(child -> {
      assertThat(child.getParentClosePolicy()).isEqualTo(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON);
      assertThat(child.getTaskQueue().getName()).isEqualTo(TASK_QUEUE);
      assertThat(child.getWorkflowType().getName()).isEqualTo("NotificationWorkflow");
    });
  }

  /** The verify endpoint activates in the database first; a lost signal is caught up at the next step. */
  @Test
  void anAccountVerifiedWithoutASignalIsFoundAtTheNextReminder() {
    when(activities.issueVerificationLink(eq(userId), anyString(), anyString(), eq(false))).thenReturn(null);
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);

    assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("active");

    assertThat(notifications()).extracting(NotificationRequest::type)
        .containsExactly("welcome", "welcome", "onboarding_complete");
    verify(activities, never()).expireVerification(any());
  }

  @Test
  void anAccountVerifiedWithoutASignalIsFoundAtTheTimeout() {
    when(activities.expireVerification(userId)).thenReturn(UserStatus.ACTIVE);
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);

    assertThat(WorkflowStub.fromTyped(workflow).getResult(String.class)).isEqualTo("active");

    assertThat(notifications().get(notifications().size() - 1).type()).isEqualTo("onboarding_complete");
  }

  @Test
  void anAccountThatNeedsNoOnboardingGetsNoMail() {
    when(activities.beginOnboarding(userId)).thenReturn(UserStatus.ACTIVE);

    assertThat(WorkflowStub.fromTyped(start(Trigger.RESEND_REQUEST)).getResult(String.class)).isEqualTo("active");

    assertThat(notifications()).isEmpty();
    verify(activities, never()).issueVerificationLink(any(), any(), any(), anyBoolean());
  }

  @Test
  void anActivityFailingForGoodMarksTheAccountOnboardingFailed() {
    when(activities.issueVerificationLink(eq(userId), anyString(), anyString(), anyBoolean()))
        .thenThrow(new IllegalStateException("database unreachable"));
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(String.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause().isInstanceOf(ActivityFailure.class)
        .rootCause().hasMessageContaining("database unreachable");

    verify(activities, times(3)).issueVerificationLink(eq(userId), anyString(), anyString(), anyBoolean());
    verify(activities).markOnboardingFailed(userId);
    OnboardingProgress progress = workflow.getProgress();
    assertThat(progress.status()).isEqualTo("onboarding_failed");
    assertThat(progress.failedStep()).isEqualTo("welcome_email");
    assertThat(progress.failureReason()).isEqualTo("java.lang.IllegalStateException: database unreachable");
    assertThat(progress.currentStep()).isNull();
    assertThat(notifications()).isEmpty();
  }

  @Test
  void anEmailThatCouldNotBeDeliveredFailsOnboarding() {
    notificationAnswer = request -> new NotificationResult(
        Map.of(NotificationChannel.EMAIL, ChannelOutcome.failed("SMTP server unreachable")));
    OnboardingWorkflow workflow = start(Trigger.REGISTRATION);

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(String.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("NOTIFICATION_FAILED"));

    verify(activities).markOnboardingFailed(userId);
    OnboardingProgress progress = workflow.getProgress();
    assertThat(progress.failedStep()).isEqualTo("welcome_email");
    assertThat(progress.failureReason())
        .isEqualTo("NOTIFICATION_FAILED: The welcome notification failed on email: SMTP server unreachable");
  }

  /**
   * Histories recorded on the dev server with this test's doubles and short timings: reminders,
   * a resend and verification; reminders and the timeout; a run started by a resend request whose
   * link activity failed for good. A non-deterministic change to the workflow fails here.
   */
  @ParameterizedTest
  @ValueSource(strings = {"verified", "unverified", "failed"})
  void replaysRecordedExecutions(String ending) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("onboarding/onboarding-" + ending + "-history.json", worker);
  }

  private OnboardingWorkflow start(Trigger trigger) {
    OnboardingWorkflow workflow = client.newWorkflowStub(OnboardingWorkflow.class, options());
    WorkflowClient.start(workflow::run, input(trigger));
    return workflow;
  }

  private WorkflowOptions options() {
    return WorkflowOptions.newBuilder().setWorkflowId("onboarding-" + userId).setTaskQueue(TASK_QUEUE).build();
  }

  private OnboardingStart input(Trigger trigger) {
    return new OnboardingStart(userId, "Ada Lovelace", trigger, List.of(FIRST_REMINDER, SECOND_REMINDER), TIMEOUT);
  }

  private static VerificationLink link(int number) {
    return new VerificationLink("https://partner-platform.test/api/auth/verify-email?token=t" + number,
        Instant.parse("2030-01-01T00:00:00Z").plusSeconds(number));
  }

  /** What the notification double was asked to send to this test's user, in order. */
  private List<NotificationRequest> notifications() {
    return RecordingNotificationWorkflow.where(request -> request.userId().equals(userId)).stream()
        .map(Sent::request).toList();
  }
}
