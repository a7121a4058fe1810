package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.UpdateRefusals;
import com.partnerplatform.user.ChildNotifications;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The saga: each compensation is registered before the step it undoes and they run in reverse
 * order, in a detached scope so that cancelling the workflow cannot interrupt them. Marking the
 * order paid is the pivot: what follows it never undoes the payment.
 *
 * <p>Each step runs in a detached scope too, and a cancel request takes effect between steps (or
 * while waiting for a payment method), never halfway through one: a compensation then never races
 * the step it undoes, e.g. a refund never runs while the charge it refunds is still in flight.
 */
public class PaymentWorkflowImpl implements PaymentWorkflow {

  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  private final PaymentActivities activities = Workflow.newActivityStub(PaymentActivities.class);

  private Step step = Step.VALIDATING;
  private int attempts;
  private String lastError;
  private Instant awaitingPaymentMethodUntil;
  private String transactionId;
  private PaymentMethod replacementMethod;
  // How an unpaid saga ended, for the compensations that report it.
  private boolean cancelled;
  private String failureCode;
  private String failureMessage;

  @Override
  public PaymentOutcome pay(PaymentRequest request) {
    UUID orderId = request.orderId();
    Saga saga = new Saga(new Saga.Options.Builder().setContinueWithError(true).build());
    // Whatever fails, the order ends failed or cancelled and the customer hears of it: these run last.
    saga.addCompensation(() -> notifyCustomer(request, failureNotification(request)));
    saga.addCompensation(() -> settleUnpaidOrder(orderId));
    OrderSummary order;
    try {
      order = call(Step.VALIDATING, () -> activities.validate(orderId, request.paymentMethod()));
      long reservedUntilMillis = Workflow.currentTimeMillis() + request.reservationTime().toMillis();
      saga.addCompensation(() -> activities.releaseInventory(orderId));
      run(Step.RESERVING_INVENTORY, () -> activities.reserveInventory(orderId, request.reservationTime()));
      saga.addCompensation(() -> activities.refund(orderId, chargeKeys(orderId, attempts)));
      ChargeReceipt receipt = chargeUntilPaid(request.paymentMethod(), order, reservedUntilMillis);
      transactionId = receipt.transactionId();
      run(Step.MARKING_PAID, () -> activities.markPaid(orderId, receipt.transactionId()));
    } catch (CanceledFailure e) {
      cancelled = true;
      failureCode = PaymentErrors.CANCELLED;
      failureMessage = "The payment was cancelled.";
      compensate(saga);
      throw e;
    } catch (TemporalFailure e) {
      // The customer cancelled the order before this saga started (validation found it cancelled).
      cancelled = PaymentErrors.CANCELLED.equals(codeOf(e));
      failureCode = codeOf(e);
      failureMessage = messageOf(e);
      lastError = failureCode + ": " + failureMessage;
      compensate(saga);
      throw ApplicationFailure.newNonRetryableFailure(failureMessage, failureCode);
    }
    // Paid: from here on cancelling no longer applies and nothing undoes the payment.
    step = Step.SENDING_RECEIPT;
    notifyCustomer(request, receipt(order));
    step = Step.REQUESTING_FULFILMENT;
    detached(() -> {
      activities.requestFulfilment(orderId);
      return null;
    });
    step = Step.COMPLETED;
    return new PaymentOutcome(orderId, transactionId, attempts);
  }

  @Override
  public void validateReplacePaymentMethod(PaymentMethod paymentMethod) {
    if (paymentMethod == null) {
      throw new IllegalArgumentException("A payment method is required.");
    }
    if (!awaitsPaymentMethod()) {
      throw UpdateRefusals.refusal(PaymentErrors.PAYMENT_NOT_AWAITING_METHOD, awaitingPaymentMethodUntil == null
          ? "The payment is " + step.value() + "; it does not wait for a payment method."
          : "The payment no longer waits for a payment method: the items were reserved until "
              + awaitingPaymentMethodUntil + ".");
    }
  }

  @Override
  public PaymentStatus replacePaymentMethod(PaymentMethod paymentMethod) {
    replacementMethod = paymentMethod;
    // Answers once the saga took it on (or was cancelled meanwhile).
    Workflow.await(() -> replacementMethod == null || step != Step.AWAITING_PAYMENT_METHOD);
    return getStatus();
  }

  @Override
  public void retryPayment(PaymentMethod paymentMethod) {
    if (awaitsPaymentMethod() && paymentMethod != null) {
      replacementMethod = paymentMethod;
    } else {
      log.info("Ignoring a payment method sent while {}", step.value());
    }
  }

  /** Waits for another payment method, has none yet, and the reservation still holds. */
  private boolean awaitsPaymentMethod() {
    return step == Step.AWAITING_PAYMENT_METHOD && replacementMethod == null && awaitingPaymentMethodUntil != null
        && Workflow.currentTimeMillis() < awaitingPaymentMethodUntil.toEpochMilli();
  }

  @Override
  public PaymentStatus getStatus() {
    return new PaymentStatus(step.value(), attempts, lastError, awaitingPaymentMethodUntil, transactionId);
  }

  /** Charges, and after each decline waits for another method until the reservation runs out. */
  private ChargeReceipt chargeUntilPaid(PaymentMethod firstMethod, OrderSummary order, long reservedUntilMillis) {
    PaymentMethod method = firstMethod;
    while (true) {
      attempts++;
      ChargeCommand command = new ChargeCommand(order.orderId(), idempotencyKey(order.orderId(), attempts),
          order.amount(), order.currency(), method, chargeKeys(order.orderId(), attempts - 1));
      try {
        return call(Step.CHARGING, () -> activities.charge(command));
      } catch (ActivityFailure failure) {
        if (!(failure.getCause() instanceof ApplicationFailure cause)
            || !PaymentErrors.PAYMENT_FAILED.equals(cause.getType())) {
          throw failure;
        }
        lastError = PaymentErrors.PAYMENT_FAILED + ": " + cause.getOriginalMessage();
        method = awaitReplacementMethod(order.orderId(), cause.getOriginalMessage(), reservedUntilMillis);
      }
    }
  }

  private PaymentMethod awaitReplacementMethod(UUID orderId, String declineMessage, long reservedUntilMillis) {
    awaitingPaymentMethodUntil = Instant.ofEpochMilli(reservedUntilMillis);
    run(Step.AWAITING_PAYMENT_METHOD,
        () -> activities.awaitPaymentMethod(orderId, PaymentErrors.PAYMENT_FAILED, declineMessage));
    Duration left = Duration.ofMillis(Math.max(0, reservedUntilMillis - Workflow.currentTimeMillis()));
    if (!left.isZero()) {
      Workflow.await(left, () -> replacementMethod != null);
    }
    awaitingPaymentMethodUntil = null;
    if (replacementMethod == null) {
      throw ApplicationFailure.newNonRetryableFailure("The payment was declined (" + declineMessage
          + ") and no other payment method arrived while the items were reserved.", PaymentErrors.PAYMENT_FAILED);
    }
    PaymentMethod method = replacementMethod;
    replacementMethod = null;
    call(Step.VALIDATING, () -> activities.validate(orderId, method));
    run(Step.VALIDATING, () -> activities.resumePayment(orderId));
    return method;
  }

  /** The keys of the first {@code count} charges, oldest first. */
  private static List<String> chargeKeys(UUID orderId, int count) {
    List<String> keys = new ArrayList<>(count);
    for (int attempt = 1; attempt <= count; attempt++) {
      keys.add(idempotencyKey(orderId, attempt));
    }
    return keys;
  }

  /** The first payment method's key is the order's; each later one gets its own. */
  private static String idempotencyKey(UUID orderId, int attempt) {
    String key = WorkflowIds.payment(orderId);
    return attempt == 1 ? key : key + "-attempt-" + attempt;
  }

  private void compensate(Saga saga) {
    step = Step.COMPENSATING;
    try {
      Workflow.newDetachedCancellationScope(saga::compensate).run();
    } catch (Saga.CompensationException e) {
      step = Step.FAILED;
      throw ApplicationFailure.newNonRetryableFailureWithCause("The payment failed (" + failureCode + ": "
          + failureMessage + ") and undoing it failed too; the order needs an operator.",
          PaymentErrors.COMPENSATION_FAILED, e);
    }
    step = cancelled ? Step.CANCELLED : Step.FAILED;
  }

  private void settleUnpaidOrder(UUID orderId) {
    if (cancelled) {
      activities.markCancelled(orderId);
    } else {
      activities.markPaymentFailed(orderId, failureCode, failureMessage);
    }
  }

  private void run(Step next, Functions.Proc action) {
    call(next, () -> {
      action.apply();
      return null;
    });
  }

  private <R> R call(Step next, Functions.Func<R> action) {
    CancellationScope.throwCanceled();
    step = next;
    return detached(action);
  }

  /** Runs to the end even when the workflow is cancelled meanwhile. Also used by the subscription workflow. */
  static <R> R detached(Functions.Func<R> action) {
    Object[] result = new Object[1];
    Workflow.newDetachedCancellationScope(() -> result[0] = action.apply()).run();
    @SuppressWarnings("unchecked")
    R typed = (R) result[0];
    return typed;
  }

  private void notifyCustomer(PaymentRequest request, Notification notification) {
    ChildNotifications.start(new NotificationRequest(request.userId(), notification.type(),
        notification.subject(), notification.message(), notification.data(),
        EnumSet.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), true,
        WorkflowIds.payment(request.orderId()) + "-" + notification.dedupSuffix()), request.notificationTaskQueue());
  }

  private Notification receipt(OrderSummary order) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("orderId", order.orderId().toString());
    data.put("amount", order.amount().toPlainString());
    data.put("currency", order.currency());
    data.put("transactionId", transactionId);
    return new Notification("payment_receipt", "receipt", "Payment received for order " + order.orderId(),
        "We received your payment of " + order.amount().toPlainString() + " " + order.currency()
            + " for order " + order.orderId() + " (transaction " + transactionId + ").",
        data);
  }

  private Notification failureNotification(PaymentRequest request) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("orderId", request.orderId().toString());
    data.put("code", failureCode);
    data.put("reason", failureMessage);
    return cancelled
        ? new Notification("payment_failed", "failed", "Order " + request.orderId() + " cancelled",
            "Your order " + request.orderId() + " was cancelled. Anything charged is refunded and the"
                + " reserved items are released.", data)
        : new Notification("payment_failed", "failed", "Payment for order " + request.orderId() + " failed",
            "We could not take the payment for order " + request.orderId() + ": " + failureMessage, data);
  }

  /** The {@link PaymentErrors} code of a failure. */
  static String codeOf(TemporalFailure failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof ApplicationFailure application
        && PaymentErrors.BUSINESS_CODES.contains(application.getType())) {
      return application.getType();
    }
    return cause instanceof TimeoutFailure ? PaymentErrors.TIMEOUT : PaymentErrors.UNKNOWN;
  }

  static String messageOf(TemporalFailure failure) {
    Throwable cause = failure instanceof ActivityFailure && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : cause.getMessage();
  }

  private record Notification(String type, String dedupSuffix, String subject, String message,
      Map<String, String> data) {}

  private enum Step {
    VALIDATING,
    RESERVING_INVENTORY,
    CHARGING,
    AWAITING_PAYMENT_METHOD,
    MARKING_PAID,
    SENDING_RECEIPT,
    REQUESTING_FULFILMENT,
    COMPLETED,
    COMPENSATING,
    FAILED,
    CANCELLED;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
