package com.partnerplatform.payment.gateway;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** Amounts in a currency's smallest unit, as the providers' APIs take them: 19.99 USD is 1999. */
final class MinorUnits {

  private MinorUnits() {}

  /** @throws GatewayException (not retryable) for an unknown currency or more decimals than it has */
  static long of(BigDecimal amount, String currency) {
    try {
      return amount.movePointRight(fractionDigits(currency)).longValueExact();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new GatewayException(amount.toPlainString() + " " + currency
          + " cannot be expressed in the currency's smallest unit.", false);
    }
  }

  /**
   * The amount in the currency's major unit, with its decimals: 1999 USD is 19.99, 500 JPY is 500.
   * The providers answer currencies in lower case ({@code usd}); either case is read.
   *
   * @throws GatewayException (not retryable) for an unknown currency
   */
  static BigDecimal toMajor(long minor, String currency) {
    try {
      return BigDecimal.valueOf(minor, fractionDigits(currency));
    } catch (IllegalArgumentException e) {
      throw new GatewayException("The gateway answered an unknown currency: " + currency + ".", false);
    }
  }

  private static int fractionDigits(String currency) {
    return Math.max(Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits(), 0);
  }
}
