package com.partnerplatform.payment;

import java.util.Set;

/**
 * The seed's error codes the payment saga reports. Business failures are non-retryable activity
 * failures whose type is one of these codes.
 */
final class PaymentErrors {

  /** The payment breaks a rule or the order cannot be paid. */
  static final String VALIDATION_ERROR = "VALIDATION_ERROR";
  /** The gateway declined the payment, or no other payment method came in time. */
  static final String PAYMENT_FAILED = "PAYMENT_FAILED";
  static final String INVENTORY_UNAVAILABLE = "INVENTORY_UNAVAILABLE";
  /** The gateway could not be reached or refused the request (retryable or not). */
  static final String GATEWAY_ERROR = "GATEWAY_ERROR";
  /** An activity ran out of time on every attempt. */
  static final String TIMEOUT = "TIMEOUT";
  static final String CANCELLED = "CANCELLED";
  static final String UNKNOWN = "UNKNOWN";
  /** An update with another payment method arrived when the saga did not wait for one. */
  static final String PAYMENT_NOT_AWAITING_METHOD = "PAYMENT_NOT_AWAITING_METHOD";
  /** A compensation itself failed: the order needs an operator. */
  static final String COMPENSATION_FAILED = "COMPENSATION_FAILED";

  /** The codes activities raise; anything else that fails them is reported as {@link #UNKNOWN}. */
  static final Set<String> BUSINESS_CODES =
      Set.of(VALIDATION_ERROR, PAYMENT_FAILED, INVENTORY_UNAVAILABLE, GATEWAY_ERROR, CANCELLED);

  private PaymentErrors() {}
}
