package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentTestDatabase.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga with its real activities, the sandbox gateway and the database; time is skipped. */
class PaymentSagaDatabaseTest {

  private final PaymentTestDatabase db = new PaymentTestDatabase();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker payments = env.newWorker(PaymentWorkflowTest.PAYMENTS_QUEUE);
    payments.registerWorkflowImplementationTypes(PaymentWorkflowTest.PAYMENT_OPTIONS, PaymentWorkflowImpl.class);
    payments.registerActivitiesImplementations(db.activities);
    env.newWorker(PaymentWorkflowTest.USERS_QUEUE).registerWorkflowImplementationTypes(RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aGatewayThatFailsTransientlyTwiceThenSucceedsYieldsExactlyOneCharge() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));
    db.gateway.failTransiently("payment-" + order, 2);

    PaymentOutcome outcome = pay(order, PaymentWorkflowTest.GOOD_CARD);

    assertThat(db.ledger.forOrder(order)).singleElement().satisfies(charge -> {
      assertThat(charge.kind()).isEqualTo("charge");
      assertThat(charge.amount()).isEqualByComparingTo("20.00");
      assertThat(charge.gatewayReference()).isEqualTo(outcome.transactionId());
    });
    assertThat(db.find(order).status()).isEqualTo(OrderStatus.PAID);
    assertThat(db.find(order).transactionId()).isEqualTo(outcome.transactionId());
    assertThat(db.stock(sku)).isEqualTo(3);
    assertThat(db.reservationStatuses(order)).containsExactly("committed");
    assertThat(db.jdbc.sql("select count(*) from fulfilment_requests where order_id = :id").param("id", order)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aDeclinedOrderLeftAloneFailsWhenTheReservationEndsWithItsStockBackAndNoCharge() {
    String sku = db.product(5);
    UUID order = db.order(item(sku, 2));

    WorkflowFailedException failure = catchThrowableOfType(WorkflowFailedException.class,
        () -> pay(order, PaymentWorkflowTest.DECLINED_CARD));

    assertThat(((ApplicationFailure) failure.getCause()).getType()).isEqualTo("PAYMENT_FAILED");
    Order failed = db.find(order);
    assertThat(failed.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(failed.failureCode()).isEqualTo("PAYMENT_FAILED");
    assertThat(failed.failureMessage()).contains("card_declined");
    assertThat(db.stock(sku)).isEqualTo(5);
    assertThat(db.reservationStatuses(order)).containsExactly("released");
    assertThat(db.ledger.forOrder(order)).isEmpty();
    client.newUntypedWorkflowStub("notification-" + failed.userId() + "-payment-" + order + "-failed")
        .getResult(NotificationResult.class);
    assertThat(RecordingNotificationWorkflow.where(request -> request.dedupKey().startsWith("payment-" + order + "-")))
        .extracting(sent -> sent.request().type()).containsExactly("payment_failed");
  }

  private PaymentOutcome pay(UUID order, PaymentMethod method) {
    PaymentWorkflow workflow = client.newWorkflowStub(PaymentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.payment(order))
        .setTaskQueue(PaymentWorkflowTest.PAYMENTS_QUEUE)
        .build());
    return workflow.pay(new PaymentRequest(order, db.find(order).userId(), method, PaymentWorkflowTest.RESERVATION,
        PaymentWorkflowTest.USERS_QUEUE));
  }
}
