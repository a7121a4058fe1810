package com.partnerplatform.user.onboarding;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timings of onboarding. A run takes the reminder and timeout durations current when it starts.
 *
 * @param reminders when reminder e-mails go out, counted from the start of onboarding
 * @param verificationTimeout how long onboarding waits for the e-mail address to be verified
 *     before the account becomes {@code unverified}
 * @param verificationTokenLifetime how long one verification link works
 */
@Validated
@ConfigurationProperties("platform.onboarding")
public record OnboardingProperties(
    @DefaultValue({"24h", "72h"}) @NotNull List<@NotNull Duration> reminders,
    @DefaultValue("7d") @NotNull Duration verificationTimeout,
    @DefaultValue("7d") @NotNull Duration verificationTokenLifetime) {

  @AssertTrue(message = "reminders must be positive, ascending and before the verification timeout")
  public boolean isReminderScheduleValid() {
    Duration previous = Duration.ZERO;
    for (Duration reminder : reminders) {
      if (reminder == null || reminder.compareTo(previous) <= 0) {
        return false;
      }
      previous = reminder;
    }
    return verificationTimeout != null && previous.compareTo(verificationTimeout) < 0;
  }

  @AssertTrue(message = "verification-token-lifetime must be positive")
  public boolean isTokenLifetimePositive() {
    return verificationTokenLifetime != null && verificationTokenLifetime.compareTo(Duration.ZERO) > 0;
  }
}
