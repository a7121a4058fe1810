package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.UpdateRefusals;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;

/**
 * Why the subscription workflow refuses a change: codes its update validators refuse with, which
 * the API answers with as 409 problems.
 */
final class SubscriptionErrors {

  /** Suspended, cancelled or expired: nothing changes it any more. */
  static final String ENDED = "SUBSCRIPTION_ENDED";
  /** Pausing, or cancelling at the end of the period, needs an active subscription. */
  static final String NOT_ACTIVE = "SUBSCRIPTION_NOT_ACTIVE";
  static final String NOT_PAUSED = "SUBSCRIPTION_NOT_PAUSED";
  /** It ends with the period paid for: there is no next period to pause or change the plan of. */
  static final String CANCEL_PENDING = "SUBSCRIPTION_CANCEL_PENDING";

  static final Set<String> CONFLICTS = Set.of(ENDED, NOT_ACTIVE, NOT_PAUSED, CANCEL_PENDING);

  private SubscriptionErrors() {}

  static IllegalStateException refusal(String code, String message) {
    return UpdateRefusals.refusal(code, message);
  }

  static Optional<ApplicationFailure> refusalIn(Throwable failure) {
    return UpdateRefusals.refusalIn(failure, CONFLICTS);
  }
}
