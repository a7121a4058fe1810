package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code subscriptions} table. */
@Repository
class SubscriptionStore {

  private static final String COLUMNS = "id, user_id, plan_id, next_plan_id, status, payment_method_type, "
      + "workflow_id, idempotency_key, periods_paid, paid_through, next_charge_at, failed_attempts, "
      + "cancel_at_period_end, last_failure, created_at, updated_at, ended_at";

  private final JdbcClient jdbc;

  SubscriptionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a new subscription at revision 0.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the user has one with this
   *     idempotency key already
   */
  void insert(Subscription subscription) {
    jdbc.sql("insert into subscriptions (" + COLUMNS + ", revision) values (:id, :userId, :planId, :nextPlanId, "
            + ":status, :paymentMethodType, :workflowId, :idempotencyKey, :periodsPaid, :paidThrough, "
            + ":nextChargeAt, :failedAttempts, :cancelAtPeriodEnd, :lastFailure, :createdAt, :updatedAt, "
            + ":endedAt, 0)")
        .param("id", subscription.id())
        .param("userId", subscription.userId())
        .param("planId", subscription.planId())
        .param("nextPlanId", subscription.nextPlanId())
        .param("status", subscription.status().value())
        .param("paymentMethodType", subscription.paymentMethodType())
        .param("workflowId", subscription.workflowId())
        .param("idempotencyKey", subscription.idempotencyKey())
        .param("periodsPaid", subscription.periodsPaid())
        .param("paidThrough", SqlTimestamps.of(subscription.paidThrough()))
        .param("nextChargeAt", SqlTimestamps.of(subscription.nextChargeAt()))
        .param("failedAttempts", subscription.failedAttempts())
        .param("cancelAtPeriodEnd", subscription.cancelAtPeriodEnd())
        .param("lastFailure", subscription.lastFailure())
        .param("createdAt", SqlTimestamps.of(subscription.createdAt()))
        .param("updatedAt", SqlTimestamps.of(subscription.updatedAt()))
        .param("endedAt", SqlTimestamps.of(subscription.endedAt()))
        .update();
  }

  Optional<Subscription> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from subscriptions where id = :id")
        .param("id", id)
        .query(SubscriptionStore::subscription)
        .optional();
  }

  Optional<Subscription> findByIdempotencyKey(UUID userId, String idempotencyKey) {
    return jdbc.sql("select " + COLUMNS + " from subscriptions "
            + "where user_id = :userId and idempotency_key = :idempotencyKey")
        .param("userId", userId)
        .param("idempotencyKey", idempotencyKey)
        .query(SubscriptionStore::subscription)
        .optional();
  }

  /** Subscriptions that have not ended (active, past due, paused), oldest first. */
  List<Subscription> notEnded() {
    return jdbc.sql("select " + COLUMNS + " from subscriptions where status in (:statuses) order by created_at, id")
        .param("statuses", Arrays.stream(SubscriptionStatus.values())
            .filter(status -> !status.ended())
            .map(SubscriptionStatus::value)
            .toList())
        .query(SubscriptionStore::subscription)
        .list();
  }

  /** The revision of the state the workflow last saved. */
  long revision(UUID id) {
    return jdbc.sql("select revision from subscriptions where id = :id").param("id", id).query(Long.class).single();
  }

  /**
   * Writes what the workflow reports, unless the row holds this or a later revision already.
   *
   * @return whether the row was written
   */
  boolean save(UUID id, long revision, SubscriptionDetails details, Instant now) {
    return jdbc.sql("update subscriptions set status = :status, plan_id = :planId, next_plan_id = :nextPlanId, "
            + "periods_paid = :periodsPaid, paid_through = :paidThrough, next_charge_at = :nextChargeAt, "
            + "failed_attempts = :failedAttempts, cancel_at_period_end = :cancelAtPeriodEnd, "
            + "last_failure = :lastFailure, revision = :revision, updated_at = :now, ended_at = :endedAt "
            + "where id = :id and revision < :revision")
        .param("id", id)
        .param("revision", revision)
        .param("status", details.status().value())
        .param("planId", details.plan().id())
        .param("nextPlanId", details.nextPlan() == null ? null : details.nextPlan().id())
        .param("periodsPaid", details.periodsPaid())
        .param("paidThrough", SqlTimestamps.of(details.paidThrough()))
        .param("nextChargeAt", SqlTimestamps.of(details.nextChargeAt()))
        .param("failedAttempts", details.failedAttempts())
        .param("cancelAtPeriodEnd", details.cancelAtPeriodEnd())
        .param("lastFailure", details.lastFailure())
        .param("now", SqlTimestamps.of(now))
        .param("endedAt", details.status().ended() ? SqlTimestamps.of(now) : null)
        .update() == 1;
  }

  private static Subscription subscription(ResultSet rs, int row) throws SQLException {
    return new Subscription(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
        rs.getString("plan_id"), rs.getString("next_plan_id"), SubscriptionStatus.fromValue(rs.getString("status")),
        rs.getString("payment_method_type"), rs.getString("workflow_id"), rs.getString("idempotency_key"),
        rs.getInt("periods_paid"), SqlTimestamps.read(rs, "paid_through"), SqlTimestamps.read(rs, "next_charge_at"),
        rs.getInt("failed_attempts"), rs.getBoolean("cancel_at_period_end"), rs.getString("last_failure"),
        SqlTimestamps.read(rs, "created_at"), SqlTimestamps.read(rs, "updated_at"),
        SqlTimestamps.read(rs, "ended_at"));
  }
}
