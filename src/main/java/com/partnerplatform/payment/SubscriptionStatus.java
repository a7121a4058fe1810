package com.partnerplatform.payment;

import java.util.Locale;

/** Where a subscription stands (the seed's subscription statuses). */
public enum SubscriptionStatus {
  /** Paid up; charged at the start of each period. */
  ACTIVE,
  /** The charge of the current period failed; it is retried on the dunning schedule. */
  PAST_DUE,
  /** Every retry of a charge failed: no more charges. */
  SUSPENDED,
  /** The customer paused it: no charges until resumed. */
  PAUSED,
  /** The customer cancelled it with immediate effect. */
  CANCELLED,
  /** It was cancelled at the end of its period, and that period has ended. */
  EXPIRED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SubscriptionStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Whether the subscription is over: nothing changes it any more. */
  public boolean ended() {
    return this == SUSPENDED || this == CANCELLED || this == EXPIRED;
  }
}
