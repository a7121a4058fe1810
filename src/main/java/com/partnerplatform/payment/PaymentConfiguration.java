package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

  /**
   * The activities that call the payment gateway, by activity type, with the entry of
   * {@code platform.temporal.activity-options} each runs with instead of the queue's default.
   */
  static final Map<String, String> GATEWAY_ACTIVITY_OPTIONS = Map.of(
      "PaymentCharge", "payment-charge",
      "PaymentRefund", "payment-refund",
      "SubscriptionCharge", "payment-charge",
      "SubscriptionRefund", "payment-refund");

  /** The payment workflows on the payments queue: their activities run with the payment options, gateway calls with their own. */
  @Bean
  WorkerRegistration paymentWorkers(PaymentActivitiesImpl activities) {
    return new WorkerRegistration(Set.of(DomainQueue.PAYMENTS),
        List.of(PaymentWorkflowImpl.class, OrderRefundWorkflowImpl.class), List.of(activities),
        GATEWAY_ACTIVITY_OPTIONS);
  }
}
