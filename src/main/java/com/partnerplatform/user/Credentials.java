package com.partnerplatform.user;

import java.util.Set;
import java.util.UUID;

/**
 * Checks an e-mail and password the way the login API does (same throttle, disabled accounts
 * refused), for sign-in forms that keep a server session instead of tokens.
 */
public interface Credentials {

  /**
   * @throws Refused when the password is wrong, the e-mail unknown, the account disabled or the
   *     account or address throttled; a wrong password and an unknown e-mail are indistinguishable
   */
  VerifiedUser verify(String email, String password, String clientAddress);

  /** @param roles role names without a prefix, e.g. {@code ADMIN} */
  record VerifiedUser(UUID id, String email, Set<String> roles) {}

  enum Reason { INVALID_CREDENTIALS, ACCOUNT_DISABLED, THROTTLED }

  final class Refused extends RuntimeException {

    private final Reason reason;

    Refused(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }
}
