package com.partnerplatform.payment;

/**
 * Reconciles the ledger with the gateway's book; the analytics domain's {@code payments-reconcile}
 * schedule runs it hourly.
 */
public interface PaymentMaintenance {

  /**
   * Compares the gateway's recent charges with the ledger and the orders: records the charges the
   * ledger lacks, refunds those that an order which ended unpaid (or was refunded) still holds, and
   * reports every difference. Running it again finds nothing more to record or refund.
   */
  PaymentReconciliation reconcile();
}
