package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.payment.InventoryStore.InsufficientStockException;
import com.partnerplatform.payment.gateway.GatewayException;
import com.partnerplatform.payment.gateway.PaymentDeclinedException;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

@Component
class PaymentActivitiesImpl implements PaymentActivities {

  private static final Logger log = LoggerFactory.getLogger(PaymentActivitiesImpl.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OrderStore orders;
  private final InventoryStore inventory;
  private final PaymentLedger ledger;
  private final FulfilmentStore fulfilment;
  private final PaymentGateway gateway;
  private final ChargeSettlement settlement;
  private final GatewayDeadline deadline;
  private final PaymentRules rules;
  private final PaymentMetrics metrics;
  private final Clock clock;

  PaymentActivitiesImpl(OrderStore orders, InventoryStore inventory, PaymentLedger ledger,
      FulfilmentStore fulfilment, PaymentGateway gateway, ChargeSettlement settlement, GatewayDeadline deadline,
      PaymentRules rules, PaymentMetrics metrics, Clock clock) {
    this.orders = orders;
    this.inventory = inventory;
    this.ledger = ledger;
    this.fulfilment = fulfilment;
    this.gateway = gateway;
    this.settlement = settlement;
    this.deadline = deadline;
    this.rules = rules;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public OrderSummary validate(UUID orderId, PaymentMethod paymentMethod) {
    Order order = order(orderId);
    if (order.status() == OrderStatus.CANCELLED) {
      // Cancelled by its buyer before this saga started: the saga ends cancelled, not failed.
      throw businessFailure(PaymentErrors.CANCELLED, "Order " + orderId + " was cancelled.");
    }
    if (!order.status().awaitsPayment()) {
      throw businessFailure(PaymentErrors.VALIDATION_ERROR,
          "Order " + orderId + " is " + order.status().value() + " and cannot be paid.");
    }
    List<String> violations = rules.violations(order.amount(), order.currency(),
        paymentMethod == null ? null : paymentMethod.type());
    if (!violations.isEmpty()) {
      throw businessFailure(PaymentErrors.VALIDATION_ERROR, String.join(" ", violations));
    }
    return new OrderSummary(orderId, order.userId(), order.amount(), order.currency());
  }

  @Override
  public void reserveInventory(UUID orderId, Duration holdFor) {
    Order order = order(orderId);
    Instant now = SqlTimestamps.now(clock);
    try {
      inventory.reserve(orderId, order.items(), now, now.plus(holdFor));
    } catch (InsufficientStockException e) {
      throw businessFailure(PaymentErrors.INVENTORY_UNAVAILABLE, e.getMessage());
    }
  }

  @Override
  public void releaseInventory(UUID orderId) {
    int units = inventory.release(orderId, SqlTimestamps.now(clock));
    log.info("Order {}: {} unit(s) back in stock", orderId, units);
  }

  @Override
  public ChargeReceipt charge(ChargeCommand command) {
    // The ledger answers for keys it knows, however long ago the gateway forgot them.
    Optional<LedgerEntry> recorded = ledger.findByKey(command.idempotencyKey());
    if (recorded.isPresent()) {
      return new ChargeReceipt(recorded.get().gatewayReference());
    }
    if (command.earlierKeys() != null && !command.earlierKeys().isEmpty()) {
      // An earlier key's answer may have been lost although the gateway took the money: never charge twice.
      Optional<LedgerEntry> earlier = settlement.firstTaken(order(command.orderId()), command.earlierKeys(),
          command.paymentMethod().token());
      if (earlier.isPresent()) {
        log.warn("Order {}: the gateway took {} under the earlier key {}; not charging again under {}",
            command.orderId(), earlier.get().gatewayReference(), earlier.get().idempotencyKey(),
            command.idempotencyKey());
        return new ChargeReceipt(earlier.get().gatewayReference());
      }
    }
    deadline.requireTimeForCall();
    GatewayResult charged;
    try {
      charged = gateway.charge(new PaymentGateway.ChargeRequest(command.idempotencyKey(), command.amount(),
          command.currency(), command.paymentMethod().type(), command.paymentMethod().token(),
          "Order " + command.orderId()));
    } catch (PaymentDeclinedException e) {
      metrics.chargeAttempted(gateway.name(), "order", PaymentMetrics.DECLINED);
      throw declineFailure(e);
    } catch (GatewayException e) {
      metrics.chargeAttempted(gateway.name(), "order", PaymentMetrics.ERROR);
      throw gatewayFailure(e);
    }
    metrics.chargeAttempted(gateway.name(), "order", PaymentMetrics.SUCCEEDED);
    LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), command.orderId(), null, LedgerEntry.CHARGE,
        command.amount(), command.currency(), gateway.name(), charged.reference(), command.idempotencyKey(),
        command.paymentMethod().type(), SqlTimestamps.now(clock));
    if (!ledger.record(entry)) {
      // An attempt beside this one (or the refund's look at the gateway's book) recorded it first.
      entry = ledger.findByKey(command.idempotencyKey()).orElseThrow();
    }
    return new ChargeReceipt(entry.gatewayReference());
  }

  @Override
  public RefundReceipt refund(UUID orderId, List<String> chargeKeys) {
    // Sagas started before the keys were passed, and refunds of paid orders, refund what the ledger holds.
    settlement.charges(order(orderId), chargeKeys == null ? List.of() : chargeKeys, null)
        .forEach(settlement::refund);
    List<LedgerEntry> refunds = ledger.forOrder(orderId).stream()
        .filter(entry -> entry.kind().equals(LedgerEntry.REFUND))
        .toList();
    return new RefundReceipt(refunds.stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
        refunds.stream().map(LedgerEntry::gatewayReference).toList());
  }

  @Override
  public void awaitPaymentMethod(UUID orderId, String failureCode, String failureMessage) {
    changeUnpaidStatus(orderId, OrderStatus.AWAITING_PAYMENT_METHOD, failureCode, failureMessage);
  }

  @Override
  public void resumePayment(UUID orderId) {
    changeUnpaidStatus(orderId, OrderStatus.PENDING, null, null);
  }

  @Override
  public void markPaid(UUID orderId, String transactionId) {
    if (orders.markPaid(orderId, transactionId, SqlTimestamps.now(clock))) {
      return;
    }
    Order order = order(orderId);
    if (order.status() == OrderStatus.PAID && transactionId.equals(order.transactionId())) {
      return; // a retry of a call that succeeded
    }
    throw businessFailure(PaymentErrors.VALIDATION_ERROR,
        "Order " + orderId + " is " + order.status().value() + " and can no longer be paid.");
  }

  @Override
  public void markPaymentFailed(UUID orderId, String failureCode, String failureMessage) {
    if (changeUnpaidStatus(orderId, OrderStatus.PAYMENT_FAILED, failureCode, failureMessage)) {
      metrics.compensated(failureCode);
    }
  }

  @Override
  public void markCancelled(UUID orderId) {
    if (changeUnpaidStatus(orderId, OrderStatus.CANCELLED, PaymentErrors.CANCELLED, "The payment was cancelled.")) {
      metrics.compensated(PaymentErrors.CANCELLED);
    }
  }

  @Override
  public void markRefunded(UUID orderId) {
    if (orders.markRefunded(orderId, SqlTimestamps.now(clock))) {
      return;
    }
    OrderStatus status = order(orderId).status();
    if (status != OrderStatus.REFUNDED) {
      throw businessFailure(PaymentErrors.VALIDATION_ERROR,
          "Order " + orderId + " is " + status.value() + ", not paid, and cannot be refunded.");
    }
  }

  @Override
  public void requestFulfilment(UUID orderId) {
    Order order = order(orderId);
    if (order.status() != OrderStatus.PAID) {
      log.info("Order {} is {}: no fulfilment", orderId, order.status().value());
      return;
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("orderId", orderId.toString());
    event.put("userId", order.userId().toString());
    event.put("transactionId", order.transactionId());
    event.put("items", order.items().stream()
        .map(item -> Map.of("sku", item.sku(), "quantity", item.quantity()))
        .toList());
    fulfilment.request(orderId, JSON.writeValueAsString(event), SqlTimestamps.now(clock));
  }

  /** @return whether the order moved */
  private boolean changeUnpaidStatus(UUID orderId, OrderStatus to, String failureCode, String failureMessage) {
    if (orders.changeUnpaidStatus(orderId, to, failureCode, failureMessage, SqlTimestamps.now(clock))) {
      return true;
    }
    // Only the saga moves an unpaid order on; a settled one stays as it is.
    log.warn("Order {} is settled already; not moved to {}", orderId, to.value());
    return false;
  }

  private Order order(UUID orderId) {
    return orders.find(orderId).orElseThrow(() ->
        businessFailure(PaymentErrors.VALIDATION_ERROR, "Order " + orderId + " does not exist."));
  }

  private static ApplicationFailure businessFailure(String code, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, code);
  }

  /** A decline: not retried, the customer has to pay another way. Also used for subscriptions. */
  static ApplicationFailure declineFailure(PaymentDeclinedException e) {
    return ApplicationFailure.newNonRetryableFailure(
        e.getMessage() + " (" + e.declineCode() + ")", PaymentErrors.PAYMENT_FAILED, e.declineCode());
  }

  static ApplicationFailure gatewayFailure(GatewayException e) {
    return e.retryable()
        ? ApplicationFailure.newFailure(e.getMessage(), PaymentErrors.GATEWAY_ERROR)
        : ApplicationFailure.newNonRetryableFailure(e.getMessage(), PaymentErrors.GATEWAY_ERROR);
  }
}
