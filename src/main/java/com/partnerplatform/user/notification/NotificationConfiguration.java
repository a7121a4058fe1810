package com.partnerplatform.user.notification;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

  /**
   * The notification workflow and its activities on the users queue. In-app and webhook use the
   * queue's {@code notification} options; e-mail has its own {@code email} options (the seed's
   * emailRetryAttempts).
   */
  @Bean
  WorkerRegistration notificationWorkers(
      DeliveryPlanActivity planning, EmailActivity email, InAppActivity inApp, WebhookActivity webhook) {
    return new WorkerRegistration(Set.of(DomainQueue.USERS), List.of(NotificationWorkflowImpl.class),
        List.of(planning, email, inApp, webhook), Map.of(EmailActivity.TYPE, "email"));
  }
}
