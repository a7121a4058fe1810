package com.partnerplatform.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication settings.
 *
 * @param jwtSecret HMAC-SHA256 secret for access tokens; empty means generate one into the data
 *     directory on first start
 * @param accessTokenTtl lifetime of an access token (seed: 30 min)
 * @param refreshTokenTtl lifetime of a refresh token family
 * @param adminEmail e-mail of the admin account created at startup when missing
 * @param adminPassword its password
 * @param loginThrottle limits on failed logins
 */
@Validated
@ConfigurationProperties("platform.security")
public record SecurityProperties(
    String jwtSecret,
    @NotNull Duration accessTokenTtl,
    @NotNull Duration refreshTokenTtl,
    String adminEmail,
    String adminPassword,
    @Valid @NotNull LoginThrottle loginThrottle) {

  /**
   * @param maxFailuresPerAccount failed logins for one e-mail within the window before 429
   * @param maxFailuresPerAddress failed logins from one client address within the window before 429
   * @param window the sliding window
   */
  public record LoginThrottle(
      @Min(1) int maxFailuresPerAccount, @Min(1) int maxFailuresPerAddress, @NotNull Duration window) {}
}
