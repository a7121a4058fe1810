package com.partnerplatform.user.onboarding;

import java.time.Instant;
import java.util.List;

/**
 * Where an onboarding run is. Step names: {@code welcome_email} (or {@code verification_email}
 * when a resend request started the run), {@code in_app_welcome}, {@code email_verification} (the
 * wait), {@code reminder_email_1}, {@code reminder_email_2} ..., {@code verification_email_resent},
 * {@code email_verified}, {@code completion_email}.
 *
 * @param stepsDone the steps finished, in order (resent links appear once per resend)
 * @param currentStep the step in progress; null once the run has ended
 * @param currentStepDeadline when the current step gives up: for {@code email_verification} the
 *     moment the account becomes {@code unverified}; null for steps without one
 * @param status the account status as onboarding left it: {@code onboarding}, {@code active},
 *     {@code unverified}, {@code onboarding_failed} (or {@code disabled})
 * @param failedStep the step that failed; null unless the run failed
 * @param failureReason why it failed; null unless the run failed
 */
public record OnboardingProgress(
    List<String> stepsDone,
    String currentStep,
    Instant currentStepDeadline,
    String status,
    String failedStep,
    String failureReason) {}
