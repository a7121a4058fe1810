package com.partnerplatform.payment.gateway;

import java.math.BigDecimal;

/**
 * A payment service provider, chosen by {@code platform.payment.gateway}. Every request carries an
 * idempotency key: sending the same request again with the same key must return the first answer
 * and move money at most once, which is what makes retrying a charge safe.
 */
public interface PaymentGateway {

  /** The name written to the ledger, e.g. {@code sandbox}. */
  String name();

  /**
   * Charges the payment method.
   *
   * @return the gateway's reference of the charge
   * @throws PaymentDeclinedException when the gateway refuses the payment (retrying will not help)
   * @throws GatewayException when the gateway could not answer; {@link GatewayException#retryable()}
   *     tells whether the same request may be sent again
   */
  GatewayResult charge(ChargeRequest request);

  /**
   * Refunds a charge in full.
   *
   * @return the gateway's reference of the refund
   * @throws GatewayException when the refund was refused or the gateway could not answer
   */
  GatewayResult refund(RefundRequest request);

  /**
   * @param idempotencyKey identifies this charge across retries
   * @param amount in the currency's major unit (e.g. 19.99)
   * @param methodType {@code card}, {@code upi}, {@code wallet} or {@code bank_transfer}
   * @param token the gateway's token for the payment method (a test card number in the sandbox)
   * @param description shown on the gateway's dashboard
   */
  record ChargeRequest(String idempotencyKey, BigDecimal amount, String currency, String methodType,
      String token, String description) {

    @Override
    public String toString() {
      // The token stays out of logs.
      return "ChargeRequest[idempotencyKey=" + idempotencyKey + ", amount=" + amount + " " + currency
          + ", methodType=" + methodType + "]";
    }
  }

  /**
   * @param idempotencyKey identifies this refund across retries
   * @param chargeReference the gateway's reference of the charge to refund
   */
  record RefundRequest(String idempotencyKey, String chargeReference, BigDecimal amount, String currency) {}

  /** @param reference the gateway's id of the charge or refund */
  record GatewayResult(String reference) {}
}
