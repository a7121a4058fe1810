package com.partnerplatform.listing;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The life of an approved listing, id {@code listing-expiration-{listingId}} on the listings queue
 * (seed: {@code listingExpirationWorkflow}): reminds the partner before expiry (e-mail and in-app),
 * and at expiry marks the listing expired, takes it out of search and tells the partner. Renewals
 * move the expiry and the reminders; unpublishing ends it at once. Long lives continue as new.
 */
@WorkflowInterface
public interface ListingExpirationWorkflow {

  /** @return the state when the listing expired or was unpublished */
  @WorkflowMethod
  ExpiryStatus run(ExpirationRequest request);

  /** Moves the expiry {@code days} later; reminders follow the new expiry. */
  @UpdateMethod
  ExpiryStatus renew(int days);

  @UpdateValidatorMethod(updateName = "renew")
  void validateRenew(int days);

  /** Ends the listing's life now: it leaves search and its status becomes expired. */
  @UpdateMethod
  ExpiryStatus unpublish();

  @UpdateValidatorMethod(updateName = "unpublish")
  void validateUnpublish();

  @QueryMethod
  ExpiryStatus getStatus();
}
