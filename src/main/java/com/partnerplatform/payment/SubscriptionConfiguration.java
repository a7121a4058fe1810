package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

  /** The subscription workflow on the payments queue, whose activities default to the payment options. */
  @Bean
  WorkerRegistration subscriptionWorkers(SubscriptionActivitiesImpl activities) {
    return WorkerRegistration.on(DomainQueue.PAYMENTS, List.of(SubscriptionWorkflowImpl.class), List.of(activities));
  }
}
