package com.partnerplatform.payment;

/**
 * Repairs subscriptions from the database; the analytics domain's {@code subscriptions-reconcile}
 * schedule runs it hourly.
 */
public interface SubscriptionMaintenance {

  /**
   * Starts the workflow again of every subscription that has not ended (active, past due or
   * paused) but whose workflow is not running, e.g. because an operator terminated it.
   *
   * @return how many workflows were started again
   */
  int restartStopped();

  /** Whether the subscription exists and has not ended (a reminder about it is still worth sending). */
  boolean isLive(java.util.UUID subscriptionId);
}
