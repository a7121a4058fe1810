package com.partnerplatform.analytics;

import com.partnerplatform.listing.ListingMaintenance;
import com.partnerplatform.payment.PaymentMaintenance;
import com.partnerplatform.payment.PaymentReconciliation;
import com.partnerplatform.payment.SubscriptionMaintenance;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

@Component
class ReconciliationActivitiesImpl implements ReconciliationActivities {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationActivitiesImpl.class);

  private final SubscriptionMaintenance subscriptions;
  private final PaymentMaintenance payments;
  // The listing domain may not provide its implementation yet: the schedule then reports it.
  private final ObjectProvider<ListingMaintenance> listings;
  private final AnalyticsMail mail;

  ReconciliationActivitiesImpl(SubscriptionMaintenance subscriptions, PaymentMaintenance payments,
      ObjectProvider<ListingMaintenance> listings, AnalyticsMail mail) {
    this.subscriptions = subscriptions;
    this.payments = payments;
    this.listings = listings;
    this.mail = mail;
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
      case PAYMENTS -> {
        PaymentReconciliation done = payments.reconcile();
        List<String> first = done.differences().stream()
            .limit(ReconciliationResult.Payments.LISTED)
            .map(PaymentReconciliation.Difference::toString)
            .toList();
        yield new ReconciliationResult(target, 0, 0, null, new ReconciliationResult.Payments(done.recorded(),
            done.refunded(), done.differences().size(), first));
      }
    };
  }

  @Override
  public void notifyAdmins(String runId, ReconciliationResult result) {
    List<String> admins = mail.adminAddresses();
    ReconciliationResult.Payments payments = result.payments();
    if (admins.isEmpty()) {
      log.warn("Reconciliation {}: no admin to tell of {} payment differences", runId, payments.differences());
      return;
    }
    StringBuilder text = new StringBuilder("Payments reconciliation " + runId + " compared the ledger with the "
        + "gateway's book: " + payments.recorded() + " charge(s) recorded that the ledger lacked, "
        + payments.refunded() + " refunded, " + payments.differences() + " difference(s):\n\n");
    payments.firstDifferences().forEach(difference -> text.append("- ").append(difference).append('\n'));
    int unlisted = payments.differences() - payments.firstDifferences().size();
    if (unlisted > 0) {
      text.append("- and ").append(unlisted).append(" more (each is in the application log)\n");
    }
    text.append("\nDifferences marked (reported) need an operator; the next run reports them again until resolved.\n");
    mail.send(admins, "Partner Platform payments reconciliation: " + payments.differences() + " difference(s)",
        text.toString(), null, null);
  }
}
