package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

  /** The analytics workflows on the analytics queue, whose activities default to the analytics options. */
  @Bean
  WorkerRegistration analyticsWorkers(ReconciliationActivitiesImpl reconciliation, ReportActivitiesImpl reports) {
    return WorkerRegistration.on(DomainQueue.ANALYTICS,
        List.of(ReconciliationWorkflowImpl.class, ReportWorkflowImpl.class), List.of(reconciliation, reports));
  }
}
