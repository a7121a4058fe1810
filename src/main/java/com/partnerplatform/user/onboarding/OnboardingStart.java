package com.partnerplatform.user.onboarding;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The input of one onboarding run. The timings travel with the run so that the workflow stays
 * deterministic when the configuration changes.
 *
 * @param userId the account
 * @param name the account's name, for the greeting
 * @param trigger why the run started
 * @param reminders when reminder e-mails go out, counted from the start of the run
 * @param verificationTimeout how long the run waits for verification
 */
public record OnboardingStart(
    UUID userId, String name, Trigger trigger, List<Duration> reminders, Duration verificationTimeout) {

  public enum Trigger {
    /** A new account: welcome e-mail and in-app welcome. */
    REGISTRATION,
    /** The account asked for a new link after its onboarding ended: a fresh link only. */
    RESEND_REQUEST
  }
}
