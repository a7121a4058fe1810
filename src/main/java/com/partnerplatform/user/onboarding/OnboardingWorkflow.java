package com.partnerplatform.user.onboarding;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Onboards one account (id {@code onboarding-{userId}}, users task queue): sends the welcome
 * e-mail with a verification link and the in-app welcome, waits for the address to be verified
 * with reminders in between, then makes the account {@code active} and sends the completion
 * e-mail; without verification in time the account ends {@code unverified}.
 */
@WorkflowInterface
public interface OnboardingWorkflow {

  /** @return the account's status when onboarding ended ({@code active}, {@code unverified} ...) */
  @WorkflowMethod
  String run(OnboardingStart start);

  /** The address was verified (the link was followed); the database already says so. */
  @SignalMethod
  void emailVerified();

  /** Sends a new verification link; the earlier ones stop working. */
  @SignalMethod
  void resendVerification();

  @QueryMethod
  OnboardingProgress getProgress();
}
