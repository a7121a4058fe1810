package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerplatform.listing.ListingMaintenance;
import com.partnerplatform.payment.SubscriptionMaintenance;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/** The reconciliation workflow and its activity, with the other domains' maintenance mocked. */
class ReconciliationWorkflowTest {

  private final SubscriptionMaintenance subscriptions = mock(SubscriptionMaintenance.class);
  private final ListingMaintenance listings = mock(ListingMaintenance.class);
  @SuppressWarnings("unchecked")
  private final ObjectProvider<ListingMaintenance> listingProvider = mock(ObjectProvider.class);
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(AnalyticsTestSupport.ANALYTICS_QUEUE);
    worker.registerWorkflowImplementationTypes(AnalyticsTestSupport.ANALYTICS_OPTIONS,
        ReconciliationWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ReconciliationActivitiesImpl(subscriptions, listingProvider));
    env.start();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void subscriptionsAreRestartedByThePaymentDomain() {
    when(subscriptions.restartStopped()).thenReturn(2);

    assertThat(run(ReconciliationTarget.SUBSCRIPTIONS))
        .isEqualTo(new ReconciliationResult(ReconciliationTarget.SUBSCRIPTIONS, 2, 0, null));
  }

  @Test
  void listingsAreReconciledByTheListingDomain() {
    when(listingProvider.getIfAvailable()).thenReturn(listings);
    when(listings.reconcile()).thenReturn(new ListingMaintenance.Reconciliation(3, 1));

    assertThat(run(ReconciliationTarget.LISTINGS))
        .isEqualTo(new ReconciliationResult(ReconciliationTarget.LISTINGS, 3, 1, null));
  }

  @Test
  void withoutAListingMaintenanceTheRunSaysSoInsteadOfFailing() {
    ReconciliationResult result = run(ReconciliationTarget.LISTINGS);

    assertThat(result.restarted()).isZero();
    assertThat(result.note()).contains("no maintenance");
  }

  private ReconciliationResult run(ReconciliationTarget target) {
    return env.getWorkflowClient().newWorkflowStub(ReconciliationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId("listings-reconcile-test-" + target)
        .setTaskQueue(AnalyticsTestSupport.ANALYTICS_QUEUE)
        .build()).run(target);
  }
}
