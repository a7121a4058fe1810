package com.partnerplatform.user.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OnboardingPropertiesTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Test
  void defaultsAreTheIssuesTimings() {
    context.run(started -> {
      OnboardingProperties properties = started.getBean(OnboardingProperties.class);
      assertThat(properties.reminders()).containsExactly(Duration.ofHours(24), Duration.ofHours(72));
      assertThat(properties.verificationTimeout()).isEqualTo(Duration.ofDays(7));
      assertThat(properties.verificationTokenLifetime()).isEqualTo(Duration.ofDays(7));
    });
  }

  @Test
  void aReminderAfterTheTimeoutIsRefusedAtStartup() {
    context.withPropertyValues("platform.onboarding.reminders=24h,8d")
        .run(started -> assertThat(started).hasFailed().getFailure()
            .hasStackTraceContaining("reminders must be positive, ascending and before the verification timeout"));
  }

  @Test
  void remindersOutOfOrderAreRefusedAtStartup() {
    context.withPropertyValues("platform.onboarding.reminders=72h,24h")
        .run(started -> assertThat(started).hasFailed());
  }

  @Test
  void aTokenLifetimeOfZeroIsRefusedAtStartup() {
    context.withPropertyValues("platform.onboarding.verification-token-lifetime=0s")
        .run(started -> assertThat(started).hasFailed().getFailure()
            .hasStackTraceContaining("verification-token-lifetime must be positive"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(OnboardingProperties.class)
  static class Properties {}
}
