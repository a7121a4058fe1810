package com.partnerplatform.listing;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * One review of a submitted listing, id {@code listing-approval-{listingId}} on the listings queue
 * (seed: {@code listingApprovalWorkflow}): validates the content, scores it, waits for a reviewer's
 * decision until the review timeout, and then decides by the score; an approved listing is
 * published to search and its expiration workflow starts.
 *
 * <p>Decisions are updates: their validators refuse, with a code from {@link ListingErrors} and
 * nothing changed, a decision while the listing is not pending review, a reviewer deciding on their
 * own listing, and a rejection without a comment. An accepted decision answers once it is recorded
 * and, for an approval, the listing is searchable.
 */
@WorkflowInterface
public interface ListingApprovalWorkflow {

  /** @return the review as it ended */
  @WorkflowMethod
  ApprovalProgress run(ApprovalRequest request);

  @UpdateMethod
  ApprovalProgress approve(ReviewDecision decision);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ReviewDecision decision);

  @UpdateMethod
  ApprovalProgress reject(ReviewDecision decision);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(ReviewDecision decision);

  /** The owner takes the listing back before a decision: it becomes a draft again. */
  @UpdateMethod
  ApprovalProgress withdraw(UUID requestedBy);

  @UpdateValidatorMethod(updateName = "withdraw")
  void validateWithdraw(UUID requestedBy);

  @QueryMethod
  ApprovalProgress getStatus();
}
