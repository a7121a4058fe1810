package com.partnerplatform.user;

import com.partnerplatform.platform.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins per account (e-mail) and per client address within a sliding window
 * ({@code platform.security.login-throttle}). In memory, so each API process counts on its own.
 */
@Component
class LoginThrottle {

  /** Per counter; bounds memory when many accounts or addresses fail at once. */
  static final int MAX_TRACKED_KEYS = 50_000;

  private final FailureWindow accounts;
  private final FailureWindow addresses;

  @Autowired
  LoginThrottle(SecurityProperties security, Clock clock) {
    this(security.loginThrottle(), clock, MAX_TRACKED_KEYS);
  }

  LoginThrottle(SecurityProperties.LoginThrottle limits, Clock clock, int maxTrackedKeys) {
    this.accounts =
        new FailureWindow(limits.maxFailuresPerAccount(), limits.window(), clock, maxTrackedKeys);
    this.addresses =
        new FailureWindow(limits.maxFailuresPerAddress(), limits.window(), clock, maxTrackedKeys);
  }

  /**
   * Starts a login attempt. The attempt counts as a failure from the start, so parallel guesses
   * cannot slip past the limit while their passwords are being checked; {@link
   * Attempt#succeeded()} takes that back.
   *
   * @throws LoginThrottledException when the account or the address has used up its failures
   */
  Attempt begin(String account, String address) {
    Optional<Duration> accountWait = accounts.tryCount(account);
    if (accountWait.isPresent()) {
      throw new LoginThrottledException(accountWait.get());
    }
    Optional<Duration> addressWait = addresses.tryCount(address);
    if (addressWait.isPresent()) {
      accounts.uncount(account);
      throw new LoginThrottledException(addressWait.get());
    }
    return new Attempt(account, address);
  }

  final class Attempt {

    private final String account;
    private final String address;

    private Attempt(String account, String address) {
      this.account = account;
      this.address = address;
    }

    /** A correct password: the account starts afresh and the address is not charged. */
    void succeeded() {
      accounts.reset(account);
      addresses.uncount(address);
    }
  }
}
