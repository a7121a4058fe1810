package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** SQL for {@code fulfilment_requests} and the outbox event that announces each one. */
@Repository
class FulfilmentStore {

  static final String FULFILMENT_REQUESTED = "order.fulfilment_requested";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  FulfilmentStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Records the order's fulfilment request and its outbound event together, once per order.
   *
   * @param eventPayload the event's JSON
   * @return whether this call recorded them (false: they were recorded before)
   */
  boolean request(UUID orderId, String eventPayload, Instant now) {
    return Boolean.TRUE.equals(transactions.execute(status -> {
      boolean requested = jdbc.sql("select count(*) from fulfilment_requests where order_id = :orderId")
          .param("orderId", orderId)
          .query(Long.class)
          .single() > 0;
      if (requested) {
        return false;
      }
      jdbc.sql("insert into fulfilment_requests (order_id, status, requested_at) "
              + "values (:orderId, 'requested', :now)")
          .param("orderId", orderId)
          .param("now", SqlTimestamps.of(now))
          .update();
      jdbc.sql("insert into outbound_events (id, event_type, aggregate_id, payload, created_at) "
              + "values (:id, :type, :aggregateId, :payload, :now)")
          .param("id", UUID.randomUUID())
          .param("type", FULFILMENT_REQUESTED)
          .param("aggregateId", orderId.toString())
          .param("payload", eventPayload)
          .param("now", SqlTimestamps.of(now))
          .update();
      return true;
    }));
  }
}
