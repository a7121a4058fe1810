package com.partnerplatform.payment;

import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.UUID;

public class OrderRefundWorkflowImpl implements OrderRefundWorkflow {

  private final PaymentActivities activities = Workflow.newActivityStub(PaymentActivities.class);

  @Override
  public RefundReceipt refund(UUID orderId) {
    RefundReceipt receipt = activities.refund(orderId, List.of());
    activities.releaseInventory(orderId);
    activities.markRefunded(orderId);
    return receipt;
  }
}
