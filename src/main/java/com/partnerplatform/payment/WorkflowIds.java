package com.partnerplatform.payment;

import java.util.UUID;

/**
 * The business keys of the payment domain's workflows: one execution of each per order, one per
 * subscription.
 */
final class WorkflowIds {

  private WorkflowIds() {}

  static String payment(UUID orderId) {
    return "payment-" + orderId;
  }

  static String refund(UUID orderId) {
    return "refund-" + orderId;
  }

  static String subscription(UUID subscriptionId) {
    return "subscription-" + subscriptionId;
  }
}
