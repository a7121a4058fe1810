package com.partnerplatform.payment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One subscription for as long as it lives, id {@code subscription-{subscriptionId}} on the
 * payments queue: charges at the start and at the start of every period, reminds the customer
 * before each renewal, sends a receipt after each payment, retries a failed charge on the dunning
 * schedule and suspends the subscription when the last retry fails.
 *
 * <p>Changes are updates: their validators refuse what the subscription's state does not allow,
 * with a {@link io.temporal.failure.ApplicationFailure} typed with the problem code the API
 * answers with, and nothing changes.
 */
@WorkflowInterface
public interface SubscriptionWorkflow {

  /** @return the details when the subscription ended: suspended, cancelled or expired */
  @WorkflowMethod
  SubscriptionDetails run(SubscriptionRequest request);

  /** Ends the subscription now, or when the period paid for ends (then no more reminders). */
  @UpdateMethod
  SubscriptionDetails cancel(boolean atPeriodEnd);

  @UpdateValidatorMethod(updateName = "cancel")
  void validateCancel(boolean atPeriodEnd);

  /** Stops charging: the period paid for runs out and no further one starts until resumed. */
  @UpdateMethod
  SubscriptionDetails pause();

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause();

  /**
   * Charges again: on the due date if it is still ahead, otherwise at once, and then a new period
   * starts every period from now on.
   */
  @UpdateMethod
  SubscriptionDetails resume();

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume();

  /** From the next period on, charges the new plan's amount for the new plan's period. */
  @UpdateMethod
  SubscriptionDetails changePlan(Plan plan);

  @UpdateValidatorMethod(updateName = "changePlan")
  void validateChangePlan(Plan plan);

  @QueryMethod
  SubscriptionDetails getDetails();
}
