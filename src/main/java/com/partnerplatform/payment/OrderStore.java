package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL for {@code orders} and {@code order_items}. Status changes are conditional on the status
 * they leave, so a retried or late change never moves an order backwards; the change that
 * settles an order is counted here, where it happens once whichever path makes it.
 */
@Repository
class OrderStore {

  private static final String COLUMNS = "id, user_id, amount, currency, status, payment_workflow_id, "
      + "payment_idempotency_key, transaction_id, failure_code, failure_message, created_at, updated_at";
  private static final Set<OrderStatus> AWAITING_PAYMENT =
      Set.of(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT_METHOD);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final InventoryStore inventory;
  private final PaymentMetrics metrics;

  OrderStore(JdbcClient jdbc, PlatformTransactionManager transactionManager, InventoryStore inventory,
      PaymentMetrics metrics) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.inventory = inventory;
    this.metrics = metrics;
  }

  void insert(Order order) {
    transactions.executeWithoutResult(status -> {
      jdbc.sql("insert into orders (id, user_id, amount, currency, status, created_at, updated_at) "
              + "values (:id, :userId, :amount, :currency, :status, :createdAt, :updatedAt)")
          .param("id", order.id())
          .param("userId", order.userId())
          .param("amount", order.amount())
          .param("currency", order.currency())
          .param("status", order.status().value())
          .param("createdAt", SqlTimestamps.of(order.createdAt()))
          .param("updatedAt", SqlTimestamps.of(order.updatedAt()))
          .update();
      for (Order.Item item : order.items()) {
        jdbc.sql("insert into order_items (order_id, sku, quantity, unit_price) "
                + "values (:orderId, :sku, :quantity, :unitPrice)")
            .param("orderId", order.id())
            .param("sku", item.sku())
            .param("quantity", item.quantity())
            .param("unitPrice", item.unitPrice())
            .update();
      }
    });
  }

  Optional<Order> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from orders where id = :id")
        .param("id", id)
        .query(OrderStore::order)
        .optional()
        .map(order -> order.withItems(itemsOf(List.of(id)).getOrDefault(id, List.of())));
  }

  /** Newest first; all users' orders when {@code userId} is null. */
  List<Order> page(UUID userId, long offset, int limit) {
    List<Order> orders = jdbc.sql("select " + COLUMNS + " from orders "
            + (userId == null ? "" : "where user_id = :userId ")
            + "order by created_at desc, id limit :limit offset :offset")
        .params(userId == null
            ? Map.of("limit", limit, "offset", offset)
            : Map.of("userId", userId, "limit", limit, "offset", offset))
        .query(OrderStore::order)
        .list();
    Map<UUID, List<Order.Item>> items = itemsOf(orders.stream().map(Order::id).toList());
    return orders.stream().map(order -> order.withItems(items.getOrDefault(order.id(), List.of()))).toList();
  }

  long count(UUID userId) {
    return userId == null
        ? jdbc.sql("select count(*) from orders").query(Long.class).single()
        : jdbc.sql("select count(*) from orders where user_id = :userId")
            .param("userId", userId)
            .query(Long.class)
            .single();
  }

  /**
   * Notes the payment saga of a pending order and the Idempotency-Key of the request that started
   * it (the first key stays).
   *
   * @return whether the order was pending
   */
  boolean recordPaymentStart(UUID id, String workflowId, String idempotencyKey, Instant now) {
    return jdbc.sql("update orders set payment_workflow_id = :workflowId, "
            + "payment_idempotency_key = coalesce(payment_idempotency_key, :idempotencyKey), "
            + "updated_at = :now where id = :id and status = 'pending'")
        .param("id", id)
        .param("workflowId", workflowId)
        .param("idempotencyKey", idempotencyKey)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /**
   * Moves an order whose payment has neither completed nor failed to another status, with the
   * reason (null codes clear it).
   *
   * @return whether the order was pending or awaiting a payment method
   */
  boolean changeUnpaidStatus(UUID id, OrderStatus to, String failureCode, String failureMessage,
      Instant now) {
    return changeStatus(id, AWAITING_PAYMENT, to, failureCode, failureMessage, now);
  }

  /** @return whether the order was paid */
  boolean markRefunded(UUID id, Instant now) {
    return changeStatus(id, Set.of(OrderStatus.PAID), OrderStatus.REFUNDED, null, null, now);
  }

  /** Cancels a pending order whose payment never started. @return whether it was one */
  boolean cancelUnpaid(UUID id, Instant now) {
    return counted(OrderStatus.CANCELLED, jdbc.sql("update orders set status = 'cancelled', "
            + "failure_code = 'CANCELLED', failure_message = 'Cancelled before payment', updated_at = :now "
            + "where id = :id and status = 'pending' and payment_workflow_id is null")
        .param("id", id)
        .param("now", SqlTimestamps.of(now))
        .update() == 1);
  }

  /**
   * Marks the order paid and its held stock sold, together.
   *
   * @return whether the order was awaiting payment
   */
  boolean markPaid(UUID id, String transactionId, Instant now) {
    return counted(OrderStatus.PAID, Boolean.TRUE.equals(transactions.execute(status -> {
      boolean paid = jdbc.sql("update orders set status = 'paid', transaction_id = :transactionId, "
              + "failure_code = null, failure_message = null, updated_at = :now "
              + "where id = :id and status in (:from)")
          .param("id", id)
          .param("transactionId", transactionId)
          .param("from", values(AWAITING_PAYMENT))
          .param("now", SqlTimestamps.of(now))
          .update() == 1;
      if (paid) {
        inventory.commit(id);
      }
      return paid;
    })));
  }

  private boolean changeStatus(UUID id, Set<OrderStatus> from, OrderStatus to, String failureCode,
      String failureMessage, Instant now) {
    return counted(to, jdbc.sql("update orders set status = :to, failure_code = :failureCode, "
            + "failure_message = :failureMessage, updated_at = :now where id = :id and status in (:from)")
        .param("id", id)
        .param("to", to.value())
        .param("from", values(from))
        .param("failureCode", failureCode)
        .param("failureMessage", failureMessage)
        .param("now", SqlTimestamps.of(now))
        .update() == 1);
  }

  /** Counts a committed change of an order's status; @return {@code changed} */
  private boolean counted(OrderStatus to, boolean changed) {
    if (changed) {
      metrics.orderMovedTo(to);
    }
    return changed;
  }

  private static List<String> values(Collection<OrderStatus> statuses) {
    return statuses.stream().map(OrderStatus::value).toList();
  }

  private Map<UUID, List<Order.Item>> itemsOf(Collection<UUID> orderIds) {
    Map<UUID, List<Order.Item>> items = new HashMap<>();
    if (orderIds.isEmpty()) {
      return items;
    }
    jdbc.sql("select order_id, sku, quantity, unit_price from order_items "
            + "where order_id in (:ids) order by sku")
        .param("ids", orderIds)
        .query(rs -> {
          items.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
              .add(new Order.Item(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
        });
    return items;
  }

  /** The row without its items. */
  private static Order order(ResultSet rs, int row) throws SQLException {
    return new Order(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        List.of(),
        rs.getBigDecimal("amount"),
        rs.getString("currency"),
        OrderStatus.fromValue(rs.getString("status")),
        rs.getString("payment_workflow_id"),
        rs.getString("payment_idempotency_key"),
        rs.getString("transaction_id"),
        rs.getString("failure_code"),
        rs.getString("failure_message"),
        SqlTimestamps.read(rs, "created_at"),
        SqlTimestamps.read(rs, "updated_at"));
  }
}
