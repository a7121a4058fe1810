package com.partnerplatform.analytics;

/** What a reconciliation run repairs. */
public enum ReconciliationTarget {
  /** Live subscriptions whose workflow stopped. */
  SUBSCRIPTIONS,
  /** Approved listings without an expiration workflow, and overdue ones. */
  LISTINGS,
  /** The ledger against the payment gateway's book: unrecorded charges, charges owed back. */
  PAYMENTS
}
