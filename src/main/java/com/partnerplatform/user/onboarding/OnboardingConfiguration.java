package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OnboardingConfiguration {

  /** The activities use the users queue's default options (notification: short timeout, standard retry). */
  @Bean
  WorkerRegistration onboardingWorkers(OnboardingActivitiesImpl activities) {
    return WorkerRegistration.on(DomainQueue.USERS, List.of(OnboardingWorkflowImpl.class), List.of(activities));
  }
}
