package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stock reserved per order. Stock only moves through single conditional updates, so concurrent
 * orders can never take a product below zero, and each reservation row changes state once, so
 * releasing twice puts nothing back twice.
 */
@Repository
class InventoryStore {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  InventoryStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Takes the items out of stock for the order, all or none, held until {@code expiresAt}. Does
   * nothing when the order holds a reservation already (a retried request).
   *
   * @throws InsufficientStockException when a product has fewer units than asked; nothing is
   *     reserved then
   */
  void reserve(UUID orderId, List<Order.Item> items, Instant now, Instant expiresAt) {
    transactions.executeWithoutResult(status -> {
      boolean reserved = jdbc.sql("select count(*) from inventory_reservations where order_id = :orderId")
          .param("orderId", orderId)
          .query(Long.class)
          .single() > 0;
      if (reserved) {
        return;
      }
      // One lock order for every transaction, so two multi-item orders cannot deadlock.
      for (Order.Item item : items.stream().sorted(Comparator.comparing(Order.Item::sku)).toList()) {
        int taken = jdbc.sql("update products set stock = stock - :quantity "
                + "where sku = :sku and stock >= :quantity")
            .param("sku", item.sku())
            .param("quantity", item.quantity())
            .update();
        if (taken == 0) {
          throw new InsufficientStockException(item.sku(), item.quantity());
        }
        jdbc.sql("insert into inventory_reservations "
                + "(order_id, sku, quantity, status, expires_at, created_at) "
                + "values (:orderId, :sku, :quantity, 'held', :expiresAt, :now)")
            .param("orderId", orderId)
            .param("sku", item.sku())
            .param("quantity", item.quantity())
            .param("expiresAt", SqlTimestamps.of(expiresAt))
            .param("now", SqlTimestamps.of(now))
            .update();
      }
    });
  }

  /** The held units are sold; runs in the transaction that marks the order paid. */
  void commit(UUID orderId) {
    jdbc.sql("update inventory_reservations set status = 'committed' "
            + "where order_id = :orderId and status = 'held'")
        .param("orderId", orderId)
        .update();
  }

  /**
   * Puts the units of the order's held or committed reservations back in stock.
   *
   * @return the units put back by this call
   */
  int release(UUID orderId, Instant now) {
    Integer released = transactions.execute(status -> {
      List<Reservation> open = jdbc.sql("select sku, quantity, status from inventory_reservations "
              + "where order_id = :orderId and status in ('held', 'committed') order by sku")
          .param("orderId", orderId)
          .query((rs, row) -> new Reservation(rs.getString("sku"), rs.getInt("quantity"), rs.getString("status")))
          .list();
      int units = 0;
      for (Reservation reservation : open) {
        // Only the call that changes the row's state restocks, however many run at once.
        int changed = jdbc.sql("update inventory_reservations set status = 'released', released_at = :now "
                + "where order_id = :orderId and sku = :sku and status = :status")
            .param("orderId", orderId)
            .param("sku", reservation.sku())
            .param("status", reservation.status())
            .param("now", SqlTimestamps.of(now))
            .update();
        if (changed == 1) {
          jdbc.sql("update products set stock = stock + :quantity where sku = :sku")
              .param("sku", reservation.sku())
              .param("quantity", reservation.quantity())
              .update();
          units += reservation.quantity();
        }
      }
      return units;
    });
    return released == null ? 0 : released;
  }

  private record Reservation(String sku, int quantity, String status) {}

  /** A product has fewer units in stock than an order asks for. */
  static final class InsufficientStockException extends RuntimeException {

    InsufficientStockException(String sku, int quantity) {
      super("Not enough stock of " + sku + " for " + quantity + " unit(s)");
    }
  }
}
