package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.partnerplatform.listing.ListingMaintenance;
import com.partnerplatform.payment.PaymentMaintenance;
import com.partnerplatform.payment.PaymentReconciliation;
import com.partnerplatform.payment.PaymentReconciliation.Difference;
import com.partnerplatform.payment.SubscriptionMaintenance;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;

/** The reconciliation workflow and its activity, with the other domains' maintenance mocked. */
class ReconciliationWorkflowTest {

  private final SubscriptionMaintenance subscriptions = mock(SubscriptionMaintenance.class);
  private final PaymentMaintenance payments = mock(PaymentMaintenance.class);
  private final AnalyticsMail mail = mock(AnalyticsMail.class);
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
    worker.registerActivitiesImplementations(new ReconciliationActivitiesImpl(subscriptions, payments, listingProvider,
        mail));
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
  void paymentsAreReconciledByThePaymentDomainAndTheAdminsToldOfTheDifferencesOnce() {
    when(payments.reconcile()).thenReturn(new PaymentReconciliation(1, 1, List.of(
        new Difference("unrecorded_charge", "recorded", "sandbox_ch_1", "order 1: in the gateway's book only"),
        new Difference("unrefunded_charge", "refunded", "sandbox_ch_1", "order 1 ended payment_failed"))));
    when(mail.adminAddresses()).thenReturn(List.of("admin@example.com"));

    ReconciliationResult result = run(ReconciliationTarget.PAYMENTS);

    assertThat(result.payments()).isEqualTo(new ReconciliationResult.Payments(1, 1, 2, List.of(
        "unrecorded_charge (recorded) sandbox_ch_1: order 1: in the gateway's book only",
        "unrefunded_charge (refunded) sandbox_ch_1: order 1 ended payment_failed")));
    ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
    verify(mail).send(eq(List.of("admin@example.com")), contains("2 difference(s)"), text.capture(), isNull(),
        isNull());
    assertThat(text.getValue()).contains("1 charge(s) recorded").contains("order 1 ended payment_failed");
  }

  @Test
  void aPaymentsRunWithoutDifferencesSendsNoMail() {
    when(payments.reconcile()).thenReturn(new PaymentReconciliation(0, 0, List.of()));

    assertThat(run(ReconciliationTarget.PAYMENTS).payments().differences()).isZero();
    verify(mail, never()).send(any(), any(), any(), any(), any());
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
