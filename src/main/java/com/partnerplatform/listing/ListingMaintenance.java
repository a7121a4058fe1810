package com.partnerplatform.listing;

/**
 * Repairs the listing domain's workflows from the database; the {@code listings-reconcile}
 * schedule runs it daily.
 */
public interface ListingMaintenance {

  /**
   * Starts the expiration workflow of every approved listing whose workflow is not running, and
   * expires (status, search, e-mail) those already past their expiry.
   */
  Reconciliation reconcile();

  /**
   * @param restarted approved listings whose expiration workflow was started again
   * @param expired overdue listings that were expired
   */
  record Reconciliation(int restarted, int expired) {}
}
