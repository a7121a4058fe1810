package com.partnerplatform.listing;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ListingConfiguration {

  /**
   * The listing workflows on the listings queue, whose activities default to the listing options
   * (the reindex sets its own).
   */
  @Bean
  WorkerRegistration listingWorkers(ListingActivitiesImpl activities, ReindexActivitiesImpl reindex) {
    return WorkerRegistration.on(DomainQueue.LISTINGS,
        List.of(ListingApprovalWorkflowImpl.class, ListingExpirationWorkflowImpl.class,
            SearchReindexWorkflowImpl.class),
        List.of(activities, reindex));
  }
}
