package com.partnerplatform.operations;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

  /** The canary must be served on every domain queue, since it checks each of them. */
  @Bean
  WorkerRegistration canaryWorkers() {
    return new WorkerRegistration(Set.of(DomainQueue.values()), List.of(CanaryWorkflowImpl.class),
        List.of(new CanaryActivitiesImpl()), Map.of());
  }
}
