package com.partnerplatform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerplatform.platform.security.SecurityProperties;
import com.partnerplatform.user.Credentials.Reason;
import com.partnerplatform.user.Credentials.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

/** Credentials.verify refuses as the login API does: wrong password, disabled account, throttle. */
class CredentialsTest {

  private static final String PASSWORD = "correct horse battery";
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
  private final UserStore users = mock(UserStore.class);
  @SuppressWarnings("deprecation")
  private final PasswordEncoder encoder = NoOpPasswordEncoder.getInstance();
  private final SecurityProperties.LoginThrottle limits = new SecurityProperties.LoginThrottle(2, 50, Duration.ofMinutes(15));
  private final Credentials credentials = new AuthService(users, mock(RefreshTokenStore.class), null,
      new LoginThrottle(limits, clock, 100), encoder,
      new SecurityProperties(null, Duration.ofMinutes(30), Duration.ofDays(30), null, null, limits), clock);

  @Test
  void theRightPasswordGivesTheIdAndRoles() {
    UserAccount reviewer = account("rita@example.com", UserStatus.ACTIVE);
    when(users.findByEmail("rita@example.com")).thenReturn(Optional.of(reviewer));

    Credentials.VerifiedUser verified = credentials.verify(" Rita@Example.com", PASSWORD, "10.0.0.1");

    assertThat(verified.id()).isEqualTo(reviewer.id());
    assertThat(verified.roles()).containsExactlyInAnyOrder("USER", "REVIEWER");
  }

  @Test
  void aWrongPasswordAnUnknownEmailADisabledAccountAndTooManyFailuresAreRefused() {
    when(users.findByEmail("rita@example.com")).thenReturn(Optional.of(account("rita@example.com", UserStatus.ACTIVE)));
    when(users.findByEmail("dora@example.com")).thenReturn(Optional.of(account("dora@example.com", UserStatus.DISABLED)));

    assertRefused("nobody@example.com", PASSWORD, Reason.INVALID_CREDENTIALS);
    assertRefused("dora@example.com", PASSWORD, Reason.ACCOUNT_DISABLED);
    assertRefused("rita@example.com", "wrong", Reason.INVALID_CREDENTIALS);
    assertRefused("rita@example.com", "wrong", Reason.INVALID_CREDENTIALS);
    assertRefused("rita@example.com", PASSWORD, Reason.THROTTLED);
  }

  private void assertRefused(String email, String password, Reason reason) {
    assertThatThrownBy(() -> credentials.verify(email, password, "10.0.0.1"))
        .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(reason));
  }

  private UserAccount account(String email, UserStatus status) {
    return new UserAccount(UUID.randomUUID(), email, PASSWORD, "Rita", null, status, Set.of(Role.USER, Role.REVIEWER),
        clock.instant(), clock.instant());
  }
}
