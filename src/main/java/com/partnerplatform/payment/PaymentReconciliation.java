package com.partnerplatform.payment;

import java.util.List;

/**
 * What a reconciliation of the ledger with the gateway's book found and did.
 *
 * @param recorded charges of the gateway's book that the ledger lacked, now recorded
 * @param refunded charges refunded because their order ended unpaid, was refunded, or was paid by another charge
 * @param differences every difference found, including those recorded or refunded
 */
public record PaymentReconciliation(int recorded, int refunded, List<Difference> differences) {

  /** Kinds of difference, the {@code kind} tag of {@code payments.reconciliation.differences}. */
  public static final String UNRECORDED_CHARGE = "unrecorded_charge";
  public static final String UNREFUNDED_CHARGE = "unrefunded_charge";
  public static final String MISSING_AT_GATEWAY = "missing_at_gateway";
  public static final String AMOUNT_MISMATCH = "amount_mismatch";
  public static final String REFUND_MISMATCH = "refund_mismatch";
  public static final String UNKNOWN_CHARGE = "unknown_charge";

  /** What was done about a difference, the {@code action} tag. */
  public static final String RECORDED = "recorded";
  public static final String REFUNDED = "refunded";
  public static final String REPORTED = "reported";

  /**
   * @param reference the gateway's reference of the charge
   * @param detail what differs, for people
   */
  public record Difference(String kind, String action, String reference, String detail) {

    @Override
    public String toString() {
      return kind + " (" + action + ") " + reference + ": " + detail;
    }
  }
}
