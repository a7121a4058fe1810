package com.partnerplatform.listing;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Gives every approved listing a running expiration workflow again: one that was lost (terminated,
 * failed, or never started because its approval stopped half-way) starts from the expiry in the
 * table, and expires the listing at once when that has passed.
 */
@Service
class ListingReconciliation implements ListingMaintenance {

  private static final Logger log = LoggerFactory.getLogger(ListingReconciliation.class);
  private static final int BATCH_SIZE = 200;

  private final ListingStore listings;
  private final WorkflowClient client;
  private final ListingProperties terms;
  private final TemporalSettings temporal;
  private final Clock clock;

  ListingReconciliation(ListingStore listings, WorkflowClient client, ListingProperties terms,
      TemporalSettings temporal, Clock clock) {
    this.listings = listings;
    this.client = client;
    this.terms = terms;
    this.temporal = temporal;
    this.clock = clock;
  }

  @Override
  public Reconciliation reconcile() {
    int restarted = 0;
    int expired = 0;
    Instant now = clock.instant();
    UUID after = null;
    for (List<Listing> batch = listings.approved(null, BATCH_SIZE); !batch.isEmpty();
        batch = listings.approved(after, BATCH_SIZE)) {
      for (Listing listing : batch) {
        if (startExpiration(listing)) {
          if (listing.expiresAt() == null || !listing.expiresAt().isAfter(now)) {
            expired++;
          } else {
            restarted++;
          }
        }
      }
      after = batch.get(batch.size() - 1).id();
    }
    log.info("Listings reconciled: {} expiration workflows restarted, {} overdue listings expired", restarted,
        expired);
    return new Reconciliation(restarted, expired);
  }

  /** Starts the listing's expiration workflow unless it runs; whether it was started. */
  private boolean startExpiration(Listing listing) {
    ListingExpirationWorkflow workflow = client.newWorkflowStub(ListingExpirationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(listing.expirationWorkflowId())
            .setTaskQueue(temporal.taskQueue(DomainQueue.LISTINGS))
            .build());
    // A listing approved without an expiry on record expires now.
    Instant expiresAt = listing.expiresAt() != null ? listing.expiresAt() : clock.instant();
    try {
      WorkflowClient.start(workflow::run, new ExpirationRequest(listing.id(), listing.ownerId(), expiresAt,
          terms.expirationReminderDays(), List.of(), temporal.taskQueue(DomainQueue.USERS), terms.maxRenewalDays()));
      log.warn("Listing {} had no running expiration workflow: started {}", listing.id(),
          listing.expirationWorkflowId());
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }
}
