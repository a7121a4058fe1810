package com.partnerplatform.payment;

import io.temporal.activity.ActivityInterface;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The side effects of the payment saga and of refunds. Every method may run more than once (retries,
 * replays after a crash) and has the effect of running once. Business failures are non-retryable
 * {@link io.temporal.failure.ApplicationFailure}s typed with a {@link PaymentErrors} code.
 */
@ActivityInterface(namePrefix = "Payment")
public interface PaymentActivities {

  /** Checks the order can be paid and the payment follows the rules ({@code VALIDATION_ERROR}). */
  OrderSummary validate(UUID orderId, PaymentMethod paymentMethod);

  /** Takes the order's items out of stock for {@code holdFor} ({@code INVENTORY_UNAVAILABLE}). */
  void reserveInventory(UUID orderId, Duration holdFor);

  /** Puts the order's reserved or sold units back in stock. */
  void releaseInventory(UUID orderId);

  /** Charges through the gateway and writes the ledger ({@code PAYMENT_FAILED} when declined). */
  ChargeReceipt charge(ChargeCommand command);

  /**
   * Refunds every charge of the order not refunded yet, through the gateway, into the ledger. The
   * gateway is asked first what it took under each of {@code chargeKeys} that the ledger lacks (an
   * answer that was lost), and what it took is recorded before anything is refunded.
   *
   * @param chargeKeys the idempotency keys of every charge the saga sent; null from sagas started
   *     before they were passed (then only the ledger's charges are refunded)
   */
  RefundReceipt refund(UUID orderId, List<String> chargeKeys);

  /** A charge was declined: the order waits for another payment method. */
  void awaitPaymentMethod(UUID orderId, String failureCode, String failureMessage);

  /** Another payment method arrived: the order's payment is running again. */
  void resumePayment(UUID orderId);

  /** The pivot of the saga: the order is paid and its reserved stock sold. */
  void markPaid(UUID orderId, String transactionId);

  void markPaymentFailed(UUID orderId, String failureCode, String failureMessage);

  void markCancelled(UUID orderId);

  void markRefunded(UUID orderId);

  /** Records the fulfilment request of a paid order and the event announcing it, once. */
  void requestFulfilment(UUID orderId);
}
