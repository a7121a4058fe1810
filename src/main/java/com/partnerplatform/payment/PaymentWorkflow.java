package com.partnerplatform.payment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
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

  /** Another payment method after a decline; ignored unless the saga waits for one. */
  @SignalMethod
  void retryPayment(PaymentMethod paymentMethod);

  @QueryMethod
  PaymentStatus getStatus();
}
