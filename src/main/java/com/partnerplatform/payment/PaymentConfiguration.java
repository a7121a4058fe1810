package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

  /** The payment workflows on the payments queue, whose activities default to the payment options. */
  @Bean
  WorkerRegistration paymentWorkers(PaymentActivitiesImpl activities) {
    return WorkerRegistration.on(DomainQueue.PAYMENTS,
        List.of(PaymentWorkflowImpl.class, OrderRefundWorkflowImpl.class), List.of(activities));
  }
}
