package com.partnerplatform.analytics;

import com.partnerplatform.listing.ListingMaintenance;
import com.partnerplatform.payment.SubscriptionMaintenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

@Component
class ReconciliationActivitiesImpl implements ReconciliationActivities {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationActivitiesImpl.class);

  private final SubscriptionMaintenance subscriptions;
  // The listing domain may not provide its implementation yet: the schedule then reports it.
  private final ObjectProvider<ListingMaintenance> listings;

  ReconciliationActivitiesImpl(SubscriptionMaintenance subscriptions, ObjectProvider<ListingMaintenance> listings) {
    this.subscriptions = subscriptions;
    this.listings = listings;
  }

  @Override
  public ReconciliationResult reconcile(ReconciliationTarget target) {
    return switch (target) {
      case SUBSCRIPTIONS -> new ReconciliationResult(target, subscriptions.restartStopped(), 0, null);
      case LISTINGS -> {
        ListingMaintenance maintenance = listings.getIfAvailable();
        if (maintenance == null) {
          log.warn("No ListingMaintenance in this application: listings are not reconciled");
          yield new ReconciliationResult(target, 0, 0, "the listing domain provides no maintenance yet");
        }
        ListingMaintenance.Reconciliation done = maintenance.reconcile();
        yield new ReconciliationResult(target, done.restarted(), done.expired(), null);
      }
    };
  }
}
