package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code payment_ledger}: every charge and refund of orders and subscriptions, once per
 * idempotency key.
 */
@Repository
class PaymentLedger {

  private static final String COLUMNS = "id, order_id, subscription_id, kind, amount, currency, gateway, "
      + "gateway_reference, idempotency_key, payment_method, created_at";

  private final JdbcClient jdbc;

  PaymentLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return false when the ledger holds an entry with this idempotency key already */
  boolean record(LedgerEntry entry) {
    try {
      jdbc.sql("insert into payment_ledger (" + COLUMNS + ") values (:id, :orderId, :subscriptionId, :kind, "
              + ":amount, :currency, :gateway, :gatewayReference, :idempotencyKey, :paymentMethod, :createdAt)")
          .param("id", entry.id())
          .param("orderId", entry.orderId())
          .param("subscriptionId", entry.subscriptionId())
          .param("kind", entry.kind())
          .param("amount", entry.amount())
          .param("currency", entry.currency())
          .param("gateway", entry.gateway())
          .param("gatewayReference", entry.gatewayReference())
          .param("idempotencyKey", entry.idempotencyKey())
          .param("paymentMethod", entry.paymentMethod())
          .param("createdAt", SqlTimestamps.of(entry.createdAt()))
          .update();
      return true;
    } catch (DuplicateKeyException recordedAlready) {
      return false;
    }
  }

  Optional<LedgerEntry> findByKey(String idempotencyKey) {
    return jdbc.sql("select " + COLUMNS + " from payment_ledger where idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(PaymentLedger::entry)
        .optional();
  }

  /** The charge the gateway knows by this reference, however many keys asked for it; the oldest entry. */
  Optional<LedgerEntry> findChargeByReference(String gateway, String gatewayReference) {
    return jdbc.sql("select " + COLUMNS + " from payment_ledger where gateway = :gateway "
            + "and gateway_reference = :reference and kind = 'charge' order by created_at limit 1")
        .param("gateway", gateway)
        .param("reference", gatewayReference)
        .query(PaymentLedger::entry)
        .optional();
  }

  /** The charges through this gateway recorded from {@code from} (inclusive) to {@code to} (exclusive). */
  List<LedgerEntry> chargesRecordedBetween(String gateway, Instant from, Instant to) {
    return jdbc.sql("select " + COLUMNS + " from payment_ledger where gateway = :gateway and kind = 'charge' "
            + "and created_at >= :from and created_at < :to order by created_at")
        .param("gateway", gateway)
        .param("from", SqlTimestamps.of(from))
        .param("to", SqlTimestamps.of(to))
        .query(PaymentLedger::entry)
        .list();
  }

  /** Oldest first. */
  List<LedgerEntry> forOrder(UUID orderId) {
    return jdbc.sql("select " + COLUMNS + " from payment_ledger where order_id = :orderId "
            + "order by created_at, kind")
        .param("orderId", orderId)
        .query(PaymentLedger::entry)
        .list();
  }

  /** The latest charges of a subscription, newest first. */
  List<LedgerEntry> latestForSubscription(UUID subscriptionId, int limit) {
    return jdbc.sql("select " + COLUMNS + " from payment_ledger where subscription_id = :subscriptionId "
            + "and kind = 'charge' order by created_at desc limit :limit")
        .param("subscriptionId", subscriptionId)
        .param("limit", limit)
        .query(PaymentLedger::entry)
        .list();
  }

  /** The latest refund of a subscription (the period charged while it was being cancelled), if any. */
  Optional<LedgerEntry> latestRefundForSubscription(UUID subscriptionId) {
    return jdbc.sql("select " + COLUMNS + " from payment_ledger where subscription_id = :subscriptionId "
            + "and kind = 'refund' order by created_at desc limit 1")
        .param("subscriptionId", subscriptionId)
        .query(PaymentLedger::entry)
        .optional();
  }

  private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
        rs.getObject("subscription_id", UUID.class), rs.getString("kind"), rs.getBigDecimal("amount"),
        rs.getString("currency"), rs.getString("gateway"), rs.getString("gateway_reference"),
        rs.getString("idempotency_key"), rs.getString("payment_method"), SqlTimestamps.read(rs, "created_at"));
  }
}
