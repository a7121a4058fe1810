package com.partnerplatform.payment;

import java.util.UUID;

/**
 * The input of a subscription's workflow, {@code subscription-{subscriptionId}}.
 *
 * @param paymentMethod charged each period (its token stays out of logs and the database)
 * @param notificationTaskQueue the users queue, where the customer's e-mails are sent from
 * @param state where billing stands when the workflow continues as a new run; null at the start
 */
public record SubscriptionRequest(UUID subscriptionId, UUID userId, Plan plan, PaymentMethod paymentMethod,
    SubscriptionProperties terms, String notificationTaskQueue, SubscriptionState state) {

  SubscriptionRequest continuedWith(SubscriptionState next) {
    return new SubscriptionRequest(subscriptionId, userId, plan, paymentMethod, terms, notificationTaskQueue, next);
  }
}
