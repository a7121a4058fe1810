package com.partnerplatform.payment;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The payment domain's business counters (README "Operating it" → Metrics). Each is counted where
 * its fact becomes true, and only when a row actually changed: a retried activity, or a second
 * path to the same status, counts nothing more. Gateway calls are the exception: each one is an
 * attempt, retried or not.
 */
@Component
class PaymentMetrics {

  /** Orders that reached a settled status; tag {@code status}: paid, payment_failed, cancelled, refunded. */
  static final String ORDERS = "payments.orders";
  /** Payment sagas that undid their steps; tag {@code failed_step}: see {@link #failedStep}. */
  static final String COMPENSATIONS = "payments.compensations";
  /** Calls of the gateway to charge; tags {@code gateway}, {@code purpose} (order, subscription), {@code outcome}. */
  static final String CHARGE_ATTEMPTS = "payments.charge.attempts";
  /** Subscription charges; tag {@code outcome}: paid, declined, error (a failed gateway call). */
  static final String SUBSCRIPTION_CHARGES = "subscriptions.charges";
  /** Subscriptions suspended after every retry of a charge failed. */
  static final String SUBSCRIPTION_SUSPENSIONS = "subscriptions.suspensions";

  static final String SUCCEEDED = "succeeded";
  static final String DECLINED = "declined";
  static final String ERROR = "error";

  private static final Set<OrderStatus> SETTLED =
      Set.of(OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.CANCELLED, OrderStatus.REFUNDED);
  /** The saga's failure codes by the step that throws them. */
  private static final Map<String, String> FAILED_STEP = Map.of(
      PaymentErrors.VALIDATION_ERROR, "validate",
      PaymentErrors.INVENTORY_UNAVAILABLE, "reserve_inventory",
      PaymentErrors.PAYMENT_FAILED, "charge",
      PaymentErrors.GATEWAY_ERROR, "charge",
      PaymentErrors.CANCELLED, "cancelled");

  private final MeterRegistry meters;

  PaymentMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** An order moved to {@code status}; counted for the settled ones. */
  void orderMovedTo(OrderStatus status) {
    if (SETTLED.contains(status)) {
      meters.counter(ORDERS, "status", status.value()).increment();
    }
  }

  /** A saga that ended unpaid settled its order, its last compensation. */
  void compensated(String failureCode) {
    meters.counter(COMPENSATIONS, "failed_step", failedStep(failureCode)).increment();
  }

  /**
   * validate, reserve_inventory, charge, cancelled (a cancel request, no step failed), or unknown
   * (a timeout or an unexpected failure: the workflow's history tells where).
   */
  static String failedStep(String failureCode) {
    return failureCode == null ? "unknown" : FAILED_STEP.getOrDefault(failureCode, "unknown");
  }

  /** @param outcome succeeded, declined or error */
  void chargeAttempted(String gateway, String purpose, String outcome) {
    meters.counter(CHARGE_ATTEMPTS, "gateway", gateway, "purpose", purpose, "outcome", outcome).increment();
  }

  /** @param outcome paid (counted when its ledger row is written), declined or error */
  void subscriptionCharged(String outcome) {
    meters.counter(SUBSCRIPTION_CHARGES, "outcome", outcome).increment();
  }

  void subscriptionSuspended() {
    meters.counter(SUBSCRIPTION_SUSPENSIONS).increment();
  }
}
