package com.partnerplatform.payment.gateway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
   * What the gateway's own book holds for a charge request sent with this idempotency key: the
   * answer to a charge whose response never came. A read: it never moves money.
   *
   * @return the charge the gateway took under the key; empty when it took none (never received,
   *     or declined)
   * @throws GatewayException when the gateway could not answer, or the outcome is not settled at
   *     the gateway yet (retryable: ask again)
   */
  Optional<BookedCharge> findCharge(ChargeLookup lookup);

  /**
   * The charges the gateway took since {@code since}, oldest first, each with what of it was
   * refunded: the gateway's side of reconciliation.
   *
   * @throws GatewayException when the gateway could not answer
   */
  List<BookedCharge> chargesSince(Instant since);

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

  /**
   * @param idempotencyKey the key the charge request carried
   * @param token the payment method's token that request carried (Razorpay finds the payment by it)
   * @param notBefore no charge under this key can be older (the order's creation): bounds a search
   */
  record ChargeLookup(String idempotencyKey, String token, Instant notBefore) {

    @Override
    public String toString() {
      return "ChargeLookup[idempotencyKey=" + idempotencyKey + ", notBefore=" + notBefore + "]";
    }
  }

  /**
   * A charge in the gateway's book.
   *
   * @param idempotencyKey the key its request carried; null when the gateway does not know one
   * @param reference the gateway's id of the charge, as {@link #charge} answers it
   * @param amount charged, in the currency's major unit
   * @param refunded refunded of it so far, in the same unit (zero when nothing)
   * @param createdAt when the gateway took it
   */
  record BookedCharge(String idempotencyKey, String reference, BigDecimal amount, String currency,
      BigDecimal refunded, Instant createdAt) {}

  /** @param reference the gateway's id of the charge or refund */
  record GatewayResult(String reference) {}
}
