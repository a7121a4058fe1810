package com.partnerplatform.payment;

import java.util.Locale;

/**
 * Where an order stands. (The seed's {@code processing} and {@code completed} belong to
 * fulfilment, which takes over from {@code paid}.)
 */
enum OrderStatus {
  /** Created; unpaid, or its payment is running. */
  PENDING,
  /** A charge was declined; the payment waits for another payment method. */
  AWAITING_PAYMENT_METHOD,
  PAID,
  PAYMENT_FAILED,
  CANCELLED,
  REFUNDED;

  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static OrderStatus fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Whether a payment may still complete: the saga has neither paid nor given up. */
  boolean awaitsPayment() {
    return this == PENDING || this == AWAITING_PAYMENT_METHOD;
  }
}
