package com.partnerplatform.analytics;

import java.util.List;

/**
 * What a reconciliation run did.
 *
 * @param restarted workflows started again
 * @param expired listings expired because they were overdue (listings only)
 * @param note why nothing could be done, or null
 * @param payments what the payments reconciliation found and did (payments only; null otherwise)
 */
public record ReconciliationResult(ReconciliationTarget target, int restarted, int expired, String note,
    Payments payments) {

  /** A run of another target, or recorded before payments were reconciled. */
  public ReconciliationResult(ReconciliationTarget target, int restarted, int expired, String note) {
    this(target, restarted, expired, note, null);
  }

  /**
   * @param recorded charges of the gateway's book that the ledger lacked, now recorded
   * @param refunded charges refunded that their order did not keep
   * @param differences how many differences between the gateway's book and the ledger were found
   * @param firstDifferences the first {@value #LISTED} of them, described
   */
  public record Payments(int recorded, int refunded, int differences, List<String> firstDifferences) {

    static final int LISTED = 20;
  }
}
