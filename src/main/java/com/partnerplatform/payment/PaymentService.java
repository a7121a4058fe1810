package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.temporal.BoundedQueries;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.temporal.UpdateRefusals;
import com.partnerplatform.platform.web.ApiException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts, steers and reads the payment workflows of orders. Workflow ids are the orders' business
 * keys, so asking twice for the same payment or refund finds the execution the first request
 * started instead of starting another.
 */
@Service
class PaymentService {

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

  private final WorkflowClient client;
  private final OrderService orderService;
  private final OrderStore orders;
  private final PaymentRules rules;
  private final PaymentProperties properties;
  private final TemporalSettings temporal;
  private final BoundedQueries queries;
  private final Clock clock;

  PaymentService(WorkflowClient client, OrderService orderService, OrderStore orders, PaymentRules rules,
      PaymentProperties properties, TemporalSettings temporal, BoundedQueries queries, Clock clock) {
    this.client = client;
    this.queries = queries;
    this.orderService = orderService;
    this.orders = orders;
    this.rules = rules;
    this.properties = properties;
    this.temporal = temporal;
    this.clock = clock;
  }

  /**
   * Starts the payment saga of the caller's pending order, or answers with the one started before:
   * for a request with the Idempotency-Key of the request that started it, whatever the order's
   * status now, and for any request while the order is still pending.
   */
  Execution pay(Caller caller, UUID orderId, PaymentMethod method, String idempotencyKey) {
    Order order = orderService.own(caller, orderId);
    String workflowId = WorkflowIds.payment(orderId);
    if (idempotencyKey != null && idempotencyKey.equals(order.paymentIdempotencyKey())) {
      return new Execution(orderId, workflowId, order.status().value());
    }
    requireAcceptedMethod(method);
    if (order.status() != OrderStatus.PENDING
        || !orders.recordPaymentStart(orderId, workflowId, idempotencyKey, SqlTimestamps.now(clock))) {
      throw ApiException.conflict("ORDER_NOT_PENDING", "Order " + orderId + " is "
          + orderService.find(orderId).status().value() + "; only pending orders can be paid.");
    }
    PaymentWorkflow workflow = client.newWorkflowStub(PaymentWorkflow.class, startOptions(workflowId));
    try {
      WorkflowClient.start(workflow::pay, new PaymentRequest(orderId, order.userId(), method,
          properties.maxInventoryReservationTime(), temporal.taskQueue(DomainQueue.USERS)));
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("Payment {} runs already", workflowId);
    }
    return new Execution(orderId, workflowId, OrderStatus.PENDING.value());
  }

  /**
   * Hands another payment method to a saga that waits for one after a decline, and answers once the
   * saga took it on. Refused, with nothing changed, when the saga does not wait for one (also when
   * its reservation ran out).
   */
  MethodTaken replacePaymentMethod(Caller caller, UUID orderId, PaymentMethod method) {
    Order order = orderService.own(caller, orderId);
    requireAcceptedMethod(method);
    if (order.status() != OrderStatus.AWAITING_PAYMENT_METHOD) {
      throw notAwaitingPaymentMethod("Order " + orderId + " is " + order.status().value()
          + "; its payment does not wait for a payment method.");
    }
    PaymentWorkflow saga = client.newWorkflowStub(PaymentWorkflow.class, order.paymentWorkflowId());
    try {
      return new MethodTaken(orderId, order.paymentWorkflowId(), saga.replacePaymentMethod(method));
    } catch (WorkflowNotFoundException e) {
      throw notAwaitingPaymentMethod("The payment of order " + orderId + " has ended.");
    } catch (WorkflowUpdateException e) {
      ApplicationFailure refusal = UpdateRefusals.refusalIn(e, Set.of(PaymentErrors.PAYMENT_NOT_AWAITING_METHOD))
          .orElseThrow(() -> e);
      throw notAwaitingPaymentMethod(refusal.getOriginalMessage());
    }
  }

  /**
   * Cancels an order that is not paid: at once when its payment never started, otherwise by
   * cancelling the saga, which then undoes what it did ({@code cancelling} until it has).
   */
  Execution cancel(Caller caller, UUID orderId) {
    Order order = orderService.visible(caller, orderId);
    if (!order.status().awaitsPayment()) {
      return cancelSettled(order);
    }
    if (order.paymentWorkflowId() == null && orders.cancelUnpaid(orderId, SqlTimestamps.now(clock))) {
      return new Execution(orderId, null, OrderStatus.CANCELLED.value());
    }
    String workflowId = WorkflowIds.payment(orderId);
    try {
      client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty()).cancel();
    } catch (WorkflowNotFoundException e) {
      // The saga has ended meanwhile, or not started yet: then it will find the order cancelled.
      Order now = orderService.find(orderId);
      if (!now.status().awaitsPayment()) {
        return cancelSettled(now);
      }
      orders.changeUnpaidStatus(orderId, OrderStatus.CANCELLED, PaymentErrors.CANCELLED,
          "The payment was cancelled.", SqlTimestamps.now(clock));
      return new Execution(orderId, workflowId, OrderStatus.CANCELLED.value());
    }
    return new Execution(orderId, workflowId, "cancelling");
  }

  /** Cancelling a cancelled order again changes nothing; other settled orders stay as they are. */
  private static Execution cancelSettled(Order order) {
    if (order.status() == OrderStatus.CANCELLED) {
      return new Execution(order.id(), order.paymentWorkflowId(), OrderStatus.CANCELLED.value());
    }
    if (order.status() == OrderStatus.PAID) {
      throw ApiException.conflict("ORDER_ALREADY_PAID",
          "Order " + order.id() + " is paid and can no longer be cancelled; it can be refunded.");
    }
    throw ApiException.conflict("ORDER_NOT_CANCELLABLE",
        "Order " + order.id() + " is " + order.status().value() + " and can no longer be cancelled.");
  }

  /** Starts the refund of a paid order, or answers with the refund started before. */
  Execution refund(UUID orderId) {
    Order order = orderService.find(orderId);
    String workflowId = WorkflowIds.refund(orderId);
    if (order.status() == OrderStatus.REFUNDED) {
      return new Execution(orderId, workflowId, order.status().value());
    }
    if (order.status() != OrderStatus.PAID) {
      throw ApiException.conflict("ORDER_NOT_PAID",
          "Order " + orderId + " is " + order.status().value() + "; only paid orders can be refunded.");
    }
    OrderRefundWorkflow workflow = client.newWorkflowStub(OrderRefundWorkflow.class, startOptions(workflowId));
    try {
      WorkflowClient.start(workflow::refund, orderId);
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("Refund {} runs already", workflowId);
    }
    return new Execution(orderId, workflowId, "refunding");
  }

  /** What the saga of an order still awaiting payment reports; empty when none runs. */
  Optional<PaymentStatus> progress(Order order) {
    if (order.paymentWorkflowId() == null || !order.status().awaitsPayment()) {
      return Optional.empty();
    }
    try {
      PaymentWorkflow saga = client.newWorkflowStub(PaymentWorkflow.class, order.paymentWorkflowId());
      return Optional.of(queries.query(saga::getStatus));
    } catch (WorkflowException e) {
      log.debug("No status from {}: {}", order.paymentWorkflowId(), e.getMessage());
      return Optional.empty();
    }
  }

  private WorkflowOptions startOptions(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(temporal.taskQueue(DomainQueue.PAYMENTS))
        // One execution per order, ever: a second request finds the first.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
  }

  private void requireAcceptedMethod(PaymentMethod method) {
    if (!rules.acceptsMethod(method.type())) {
      throw ApiException.badRequest("UNSUPPORTED_PAYMENT_METHOD", rules.methodRule());
    }
  }

  private static ApiException notAwaitingPaymentMethod(String why) {
    return ApiException.conflict(PaymentErrors.PAYMENT_NOT_AWAITING_METHOD, why);
  }

  /**
   * @param workflowId the workflow that does the work; null when there is none
   * @param status the order's status, or what is under way ({@code cancelling}, {@code refunding})
   */
  record Execution(UUID orderId, String workflowId, String status) {}

  /** @param payment the saga's status once it took the payment method on */
  record MethodTaken(UUID orderId, String workflowId, PaymentStatus payment) {}
}
