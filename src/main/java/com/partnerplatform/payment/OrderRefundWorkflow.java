package com.partnerplatform.payment;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * Refunds a paid order, id {@code refund-{orderId}} on the payments queue: the money back through
 * the gateway, the units back in stock, the order {@code refunded}.
 */
@WorkflowInterface
public interface OrderRefundWorkflow {

  @WorkflowMethod
  RefundReceipt refund(UUID orderId);
}
