package com.partnerplatform.payment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The payment saga of one order (seed: {@code processPaymentWorkflow}), id {@code payment-{orderId}}
 * on the payments queue: validate, reserve stock, charge, mark the order paid, send the receipt,
 * request fulfilment. A failure before the order is paid undoes what was done, in reverse order;
 * cancelling the workflow before then does the same.
 */
@WorkflowInterface
public interface PaymentWorkflow {

  /**
   * @return how the order was paid
   * @throws io.temporal.failure.ApplicationFailure (as the workflow's failure) typed with the
   *     {@link PaymentErrors} code of what failed, after compensating
   */
  @WorkflowMethod
  PaymentOutcome pay(PaymentRequest request);

  /**
   * Another payment method after a decline, while the saga waits for one.
   *
   * @return the saga's status once it took the method on
   */
  @UpdateMethod
  PaymentStatus replacePaymentMethod(PaymentMethod paymentMethod);

  /**
   * Refuses ({@code PAYMENT_NOT_AWAITING_METHOD}) unless the saga waits for a payment method, none
   * was taken yet and the reservation still holds.
   */
  @UpdateValidatorMethod(updateName = "replacePaymentMethod")
  void validateReplacePaymentMethod(PaymentMethod paymentMethod);

  /**
   * The signal API processes of earlier releases sent instead of {@link #replacePaymentMethod};
   * ignored unless the saga waits for a method. Kept so that sagas which received it replay.
   */
  @SignalMethod
  void retryPayment(PaymentMethod paymentMethod);

  @QueryMethod
  PaymentStatus getStatus();
}
