package com.partnerplatform.user;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.OpaqueTokens;
import com.partnerplatform.platform.security.AccessTokens;
import com.partnerplatform.platform.security.SecurityProperties;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.user.RefreshTokenStore.StoredRefreshToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Logins and the refresh-token families they start. */
@Service
class AuthService implements Credentials {

  private final UserStore users;
  private final RefreshTokenStore refreshTokens;
  private final AccessTokens accessTokens;
  private final LoginThrottle throttle;
  private final PasswordEncoder passwordEncoder;
  private final SecurityProperties security;
  private final Clock clock;
  /** Checked for unknown e-mails so that they take as long as wrong passwords. */
  private final String dummyPasswordHash;

  AuthService(UserStore users, RefreshTokenStore refreshTokens, AccessTokens accessTokens,
      LoginThrottle throttle, PasswordEncoder passwordEncoder, SecurityProperties security, Clock clock) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.throttle = throttle;
    this.passwordEncoder = passwordEncoder;
    this.security = security;
    this.clock = clock;
    this.dummyPasswordHash = passwordEncoder.encode(OpaqueTokens.newValue());
  }

  /**
   * @throws LoginThrottledException when the account or the client address failed too often
   * @throws ApiException 401 {@code INVALID_CREDENTIALS}, the same for unknown e-mails and wrong
   *     passwords
   */
  TokenPair login(String email, String password, String clientAddress) {
    UserAccount user = authenticate(email, password, clientAddress);
    String refreshToken = OpaqueTokens.newValue();
    Instant now = now();
    refreshTokens.insert(refreshToken, UUID.randomUUID(), user.id(), now, now.plus(security.refreshTokenTtl()));
    return pair(user, refreshToken);
  }

  @Override
  public VerifiedUser verify(String email, String password, String clientAddress) {
    UserAccount user;
    try {
      user = authenticate(email, password, clientAddress);
    } catch (LoginThrottledException e) {
      throw new Refused(Reason.THROTTLED, "Too many failed logins; try again in " + e.retryAfterSeconds() + " s.");
    } catch (ApiException e) {
      throw new Refused(Reason.valueOf(e.code()), e.getMessage());
    }
    return new VerifiedUser(user.id(), user.email(), Set.copyOf(user.roleNames()));
  }

  /** The account whose password this is, with the throttle charged for a failure. */
  private UserAccount authenticate(String email, String password, String clientAddress) {
    String normalizedEmail = UserAccount.normalizeEmail(email);
    LoginThrottle.Attempt attempt = throttle.begin(normalizedEmail, clientAddress);
    Optional<UserAccount> user = users.findByEmail(normalizedEmail);
    boolean passwordMatches =
        passwordEncoder.matches(password, user.map(UserAccount::passwordHash).orElse(dummyPasswordHash));
    if (user.isEmpty() || !passwordMatches) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS",
          "The e-mail address or the password is wrong.");
    }
    if (user.get().status() == UserStatus.DISABLED) {
      throw accountDisabled();
    }
    attempt.succeeded();
    return user.get();
  }

  /**
   * Exchanges a refresh token for a new pair with the user's current roles. The token stops
   * working; presenting it again revokes its whole family, since one of the two presenters must
   * have stolen it.
   */
  TokenPair refresh(String refreshToken) {
    StoredRefreshToken presented =
        refreshTokens.find(refreshToken).orElseThrow(AuthService::invalidRefreshToken);
    Instant now = now();
    if (presented.usedAt() != null) {
      throw reused(presented, now);
    }
    if (presented.revokedAt() != null || !now.isBefore(presented.expiresAt())) {
      throw invalidRefreshToken();
    }
    UserAccount user = users.findById(presented.userId()).orElseThrow(AuthService::invalidRefreshToken);
    if (user.status() == UserStatus.DISABLED) {
      refreshTokens.revokeFamily(presented.familyId(), now);
      throw accountDisabled();
    }
    String successor = OpaqueTokens.newValue();
    if (!refreshTokens.rotate(presented, successor, now)) {
      // Another request rotated or revoked it between our read and our update.
      throw reused(presented, now);
    }
    return pair(user, successor);
  }

  /** Ends the session the token belongs to; unknown tokens are ignored. */
  void logout(String refreshToken) {
    refreshTokens.find(refreshToken)
        .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), now()));
  }

  private TokenPair pair(UserAccount user, String refreshToken) {
    AccessTokens.IssuedToken access = accessTokens.issue(user.id(), user.email(), user.roleNames());
    return new TokenPair(access.value(), refreshToken, TokenPair.BEARER, access.expiresInSeconds());
  }

  private ApiException reused(StoredRefreshToken presented, Instant now) {
    refreshTokens.revokeFamily(presented.familyId(), now);
    return new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED",
        "This refresh token was used already, so every token of its login is revoked; log in again.");
  }

  private static ApiException invalidRefreshToken() {
    return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN",
        "The refresh token is unknown, expired or revoked; log in again.");
  }

  private static ApiException accountDisabled() {
    return new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account is disabled.");
  }

  private Instant now() {
    return SqlTimestamps.now(clock);
  }
}
