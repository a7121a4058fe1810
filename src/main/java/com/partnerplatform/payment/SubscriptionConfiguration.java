package com.partnerplatform.payment;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

  /** The subscription workflow on the payments queue: its activities run with the payment options, gateway calls with their own. */
  @Bean
  WorkerRegistration subscriptionWorkers(SubscriptionActivitiesImpl activities) {
    return new WorkerRegistration(Set.of(DomainQueue.PAYMENTS), List.of(SubscriptionWorkflowImpl.class),
        List.of(activities), PaymentConfiguration.GATEWAY_ACTIVITY_OPTIONS);
  }
}
