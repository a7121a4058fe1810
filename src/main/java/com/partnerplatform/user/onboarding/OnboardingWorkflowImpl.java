package com.partnerplatform.user.onboarding;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import com.partnerplatform.user.UserStatus;
import com.partnerplatform.user.onboarding.OnboardingStart.Trigger;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account's status lives in the database: the verify endpoint activates the account before it
 * signals, and every decision point here (a link to send, the timeout) asks the database again,
 * so a lost signal only delays the completion e-mail. E-mails go out as child
 * {@link NotificationWorkflow}s, abandoned when this run ends so that they still finish.
 */
public class OnboardingWorkflowImpl implements OnboardingWorkflow {

  static final String WELCOME_EMAIL = "welcome_email";
  static final String VERIFICATION_EMAIL = "verification_email";
  static final String IN_APP_WELCOME = "in_app_welcome";
  static final String EMAIL_VERIFICATION = "email_verification";
  static final String REMINDER_EMAIL = "reminder_email_";
  static final String VERIFICATION_EMAIL_RESENT = "verification_email_resent";
  static final String EMAIL_VERIFIED = "email_verified";
  static final String COMPLETION_EMAIL = "completion_email";

  /** Notification types; their templates belong to the notification workflow. */
  static final String WELCOME = "welcome";
  static final String VERIFICATION_REMINDER = "verification_reminder";
  static final String ONBOARDING_COMPLETE = "onboarding_complete";

  private final OnboardingActivities activities = Workflow.newActivityStub(OnboardingActivities.class);

  private final List<String> stepsDone = new ArrayList<>();
  private String currentStep;
  private Instant currentStepDeadline;
  private UserStatus status = UserStatus.ONBOARDING;
  private String failedStep;
  private String failureReason;
  private boolean emailVerified;
  private boolean resendRequested;
  /** Links replacing the earlier ones issued so far; one issued after a resend request answers it. */
  private int replacingLinksIssued;
  private int replacingLinksIssuedAtResendRequest;
  private int resends;
  private OnboardingStart start;

  @Override
  public String run(OnboardingStart start) {
    this.start = start;
    try {
      status = onboard();
    } catch (CanceledFailure | NonDeterministicException e) {
      throw e; // an operator's cancel, or a code change to fix: neither says anything about the account
    } catch (RuntimeException e) {
      failedStep = currentStep;
      failureReason = reasonOf(e);
      enter(null, null);
      status = activities.markOnboardingFailed(start.userId());
      throw e instanceof TemporalFailure failure
          ? failure
          : ApplicationFailure.newNonRetryableFailureWithCause(failureReason, "ONBOARDING_FAILED", e);
    }
    enter(null, null);
    return status.value();
  }

  @Override
  public void emailVerified() {
    emailVerified = true;
  }

  @Override
  public void resendVerification() {
    resendRequested = true;
    replacingLinksIssuedAtResendRequest = replacingLinksIssued;
  }

  @Override
  public OnboardingProgress getProgress() {
    return new OnboardingProgress(List.copyOf(stepsDone), currentStep, currentStepDeadline,
        status.value(), failedStep, failureReason);
  }

  private UserStatus onboard() {
    Instant startedAt = now();
    boolean registration = start.trigger() == Trigger.REGISTRATION;
    enter(registration ? WELCOME_EMAIL : VERIFICATION_EMAIL, null);
    UserStatus current = activities.beginOnboarding(start.userId());
    if (current != UserStatus.ONBOARDING) {
      return current; // verified already, or disabled: nothing to onboard
    }
    if (!sendLink(registration ? WELCOME : VERIFICATION_REMINDER,
        registration ? "welcome-email" : "verification-email", true)) {
      return finish();
    }
    if (registration) {
      enter(IN_APP_WELCOME, null);
      deliver(new NotificationRequest(start.userId(), WELCOME, null, null, data(), Set.of(NotificationChannel.IN_APP),
          true, dedupKey("welcome-in-app")));
      done();
    }
    if (awaitVerification(startedAt, startedAt.plus(start.verificationTimeout()))) {
      return finish();
    }
    UserStatus expired = activities.expireVerification(start.userId());
    // Active here means the address was verified but the signal never arrived.
    return expired == UserStatus.ACTIVE ? finish() : expired;
  }

  /**
   * Waits for the verification, sending the reminders when they are due and new links on request.
   *
   * @return whether the address was verified before the deadline
   */
  private boolean awaitVerification(Instant startedAt, Instant deadline) {
    List<Duration> reminders = start.reminders();
    int remindersSent = 0;
    while (true) {
      enter(EMAIL_VERIFICATION, deadline);
      Instant wakeUp = remindersSent < reminders.size() ? startedAt.plus(reminders.get(remindersSent)) : deadline;
      Duration wait = Duration.between(now(), wakeUp);
      if (wait.compareTo(Duration.ZERO) > 0) {
        Workflow.await(wait, () -> emailVerified || resendRequested);
      }
      if (emailVerified) {
        done();
        return true;
      }
      if (resendRequested) {
        resends++;
        enter(VERIFICATION_EMAIL_RESENT, null);
        if (!sendLink(VERIFICATION_REMINDER, "resend-" + resends, true)) {
          return true;
        }
      } else if (remindersSent < reminders.size()) {
        remindersSent++;
        enter(REMINDER_EMAIL + remindersSent, null);
        // Earlier links keep working: the user may follow the one in the welcome e-mail.
        if (!sendLink(VERIFICATION_REMINDER, "reminder-" + remindersSent, false)) {
          return true;
        }
      } else {
        return false;
      }
    }
  }

  /**
   * Issues a link and e-mails it as the current step.
   *
   * @return false, with nothing sent, when the account is no longer in onboarding
   */
  private boolean sendLink(String type, String dedupSuffix, boolean revokeEarlier) {
    VerificationLink link = activities.issueVerificationLink(start.userId(), Workflow.getInfo().getWorkflowId(),
        Workflow.getInfo().getRunId(), revokeEarlier);
    if (link == null) {
      return false;
    }
    if (revokeEarlier) {
      replacingLinksIssued++;
      // Also a request that came with the start of this run, or while this link was being issued.
      if (resendRequested && replacingLinksIssuedAtResendRequest < replacingLinksIssued) {
        resendRequested = false;
      }
    }
    Map<String, String> data = data();
    data.put("verificationUrl", link.url());
    data.put("expiresAt", link.expiresAt().toString());
    deliver(new NotificationRequest(start.userId(), type, null, null, data, Set.of(NotificationChannel.EMAIL), true,
        dedupKey(dedupSuffix)));
    done();
    return true;
  }

  /** Activates the account (a no-op when the verify endpoint did) and sends the completion e-mail. */
  private UserStatus finish() {
    enter(EMAIL_VERIFIED, null);
    UserStatus activated = activities.activateUser(start.userId());
    if (activated != UserStatus.ACTIVE) {
      return activated; // disabled meanwhile
    }
    status = UserStatus.ACTIVE;
    done();
    enter(COMPLETION_EMAIL, null);
    deliver(new NotificationRequest(start.userId(), ONBOARDING_COMPLETE, null, null, data(),
        Set.of(NotificationChannel.EMAIL), true, dedupKey("complete")));
    done();
    return UserStatus.ACTIVE;
  }

  /** Runs the notification as a child and fails the step when a channel failed for good. */
  private void deliver(NotificationRequest request) {
    NotificationWorkflow notification = Workflow.newChildWorkflowStub(NotificationWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build());
    NotificationResult result = notification.send(request);
    for (NotificationChannel channel : NotificationChannel.values()) {
      ChannelOutcome outcome = result.channels().get(channel);
      if (outcome != null && "failed".equals(outcome.status())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "The " + request.type() + " notification failed on " + channel.key() + ": " + outcome.reason(),
            "NOTIFICATION_FAILED");
      }
    }
  }

  /** Template values every onboarding notification gets; ordered, so the child's input is stable. */
  private Map<String, String> data() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("name", start.name());
    return data;
  }

  /**
   * Unique per run and step. The original run id comes from the history, so it is the same on
   * every replay, and after a reset, so a reset run does not send again what was sent.
   */
  private static String dedupKey(String suffix) {
    return "onboarding-" + Workflow.getInfo().getOriginalExecutionRunId() + "-" + suffix;
  }

  private void enter(String step, Instant deadline) {
    currentStep = step;
    currentStepDeadline = deadline;
  }

  private void done() {
    stepsDone.add(currentStep);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** The innermost cause, named: e.g. {@code NOTIFICATION_FAILED: The welcome notification failed ...}. */
  private static String reasonOf(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplicationFailure application) {
      return application.getType() + ": " + application.getOriginalMessage();
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getClass().getSimpleName() + ": " + temporal.getOriginalMessage();
    }
    return cause.toString();
  }
}
