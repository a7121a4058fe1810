package com.partnerplatform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.platform.MutableClock;
import com.partnerplatform.platform.security.SecurityProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final String ACCOUNT = "ada@example.com";
  private static final String ADDRESS = "192.0.2.10";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(
      new SecurityProperties.LoginThrottle(10, 50, Duration.ofMinutes(15)), clock, 1_000);

  @Test
  void eleventhFailureInTheWindowIsRefusedUntilTheOldestLeavesIt() {
    for (int i = 0; i < 10; i++) {
      throttle.begin(ACCOUNT, ADDRESS); // fails: never marked as succeeded
      clock.advance(Duration.ofMinutes(1));
    }
    // Failures at minutes 0..9; now minute 10: the first one leaves the window at minute 15.
    assertThat(refusal(ACCOUNT, ADDRESS).retryAfterSeconds()).isEqualTo(Duration.ofMinutes(5).toSeconds());

    clock.advance(Duration.ofMinutes(5));
    assertThatNoException().isThrownBy(() -> throttle.begin(ACCOUNT, ADDRESS));
    // Sliding, not fixed: minutes 1..9 and 15 are still in the window; minute 1 leaves at 16.
    assertThat(refusal(ACCOUNT, ADDRESS).retryAfterSeconds()).isEqualTo(Duration.ofMinutes(1).toSeconds());
  }

  @Test
  void refusedAttemptsDoNotExtendTheLockout() {
    failures(ACCOUNT, ADDRESS, 10);
    for (int i = 0; i < 5; i++) {
      refusal(ACCOUNT, ADDRESS);
    }
    clock.advance(Duration.ofMinutes(15));
    assertThatNoException().isThrownBy(() -> throttle.begin(ACCOUNT, ADDRESS));
  }

  @Test
  void successResetsTheAccount() {
    failures(ACCOUNT, ADDRESS, 9);
    throttle.begin(ACCOUNT, ADDRESS).succeeded();

    failures(ACCOUNT, ADDRESS, 10);
    refusal(ACCOUNT, ADDRESS);
  }

  @Test
  void accountsAreCountedSeparately() {
    failures(ACCOUNT, ADDRESS, 10);
    refusal(ACCOUNT, ADDRESS);
    assertThatNoException().isThrownBy(() -> throttle.begin("grace@example.com", ADDRESS));
  }

  @Test
  void oneAddressFailingForManyAccountsIsRefusedWithoutChargingTheNextAccount() {
    for (int i = 0; i < 50; i++) {
      throttle.begin("user" + i + "@example.com", ADDRESS);
    }
    refusal(ACCOUNT, ADDRESS);
    // The refused attempt did not count against the account itself.
    failures(ACCOUNT, "198.51.100.7", 10);
    refusal(ACCOUNT, "198.51.100.7");
  }

  @Test
  void successfulLoginsDoNotUseUpTheAddress() {
    for (int i = 0; i < 60; i++) {
      throttle.begin("user" + i + "@example.com", ADDRESS).succeeded();
    }
    assertThatNoException().isThrownBy(() -> throttle.begin(ACCOUNT, ADDRESS));
  }

  private void failures(String account, String address, int count) {
    for (int i = 0; i < count; i++) {
      throttle.begin(account, address);
    }
  }

  private LoginThrottledException refusal(String account, String address) {
    LoginThrottledException refused =
        catchThrowableOfType(LoginThrottledException.class, () -> throttle.begin(account, address));
    assertThat(refused).as("attempt for %s from %s is refused", account, address).isNotNull();
    return refused;
  }
}
