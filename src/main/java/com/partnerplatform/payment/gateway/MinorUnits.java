package com.partnerplatform.payment.gateway;

import java.math.BigDecimal;
import java.util.Currency;

/** Amounts in a currency's smallest unit, as the providers' APIs take them: 19.99 USD is 1999. */
final class MinorUnits {

  private MinorUnits() {}

  /** @throws GatewayException (not retryable) for an unknown currency or more decimals than it has */
  static long of(BigDecimal amount, String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return amount.movePointRight(Math.max(digits, 0)).longValueExact();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new GatewayException(amount.toPlainString() + " " + currency
          + " cannot be expressed in the currency's smallest unit.", false);
    }
  }
}
