package com.partnerplatform.analytics;

import com.partnerplatform.platform.MigratedTestDatabase;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A migrated database for the analytics activities: H2 in memory by default, or the database of
 * PLATFORM_IT_DATABASE_URL (PostgreSQL in CI). Data is never cleaned up: tests insert rows of their
 * own (fresh ids, periods far in the past) and compare figures before and after.
 */
final class AnalyticsTestDatabase {

  final JdbcClient jdbc = JdbcClient.create(MigratedTestDatabase.dataSource());

  UUID user(Instant createdAt, String role) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into users (id, email, password_hash, name, status, created_at, updated_at) "
            + "values (:id, :email, 'x', 'Test user', 'active', :at, :at)")
        .param("id", id)
        .param("email", "analytics-" + id + "@example.com")
        .param("at", SqlTimestamps.of(createdAt))
        .update();
    if (role != null) {
      jdbc.sql("insert into user_roles (user_id, role) values (:id, :role)").param("id", id).param("role", role)
          .update();
    }
    return id;
  }

  /**
   * @param expiresAt when it expired (or expires)
   * @param revokedAt when it was revoked, or null
   */
  UUID refreshToken(UUID userId, Instant issuedAt, Instant expiresAt, Instant revokedAt) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into refresh_tokens (id, token_hash, family_id, user_id, issued_at, expires_at, revoked_at) "
            + "values (:id, :hash, :id, :userId, :issuedAt, :expiresAt, :revokedAt)")
        .param("id", id)
        .param("hash", id.toString().replace("-", "") + id.toString().replace("-", ""))
        .param("userId", userId)
        .param("issuedAt", SqlTimestamps.of(issuedAt))
        .param("expiresAt", SqlTimestamps.of(expiresAt))
        .param("revokedAt", SqlTimestamps.of(revokedAt))
        .update();
    return id;
  }

  /** A listing; the timestamps not given are null. */
  void listing(String status, Instant submittedAt, Instant reviewedAt, Instant publishedAt, Instant expiresAt) {
    Instant created = submittedAt != null ? submittedAt : Instant.parse("1970-01-02T00:00:00Z");
    jdbc.sql("insert into listings (id, owner_id, title, status, in_review, submitted_at, reviewed_at, published_at, "
            + "expires_at, created_at, updated_at) values (:id, :owner, 'A listing', :status, false, :submitted, "
            + ":reviewed, :published, :expires, :created, :created)")
        .param("id", UUID.randomUUID())
        .param("owner", UUID.randomUUID())
        .param("status", status)
        .param("submitted", SqlTimestamps.of(submittedAt))
        .param("reviewed", SqlTimestamps.of(reviewedAt))
        .param("published", SqlTimestamps.of(publishedAt))
        .param("expires", SqlTimestamps.of(expiresAt))
        .param("created", SqlTimestamps.of(created))
        .update();
  }

  UUID order(String status, String amount, String currency, Instant createdAt) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into orders (id, user_id, amount, currency, status, created_at, updated_at) "
            + "values (:id, :user, :amount, :currency, :status, :at, :at)")
        .param("id", id)
        .param("user", UUID.randomUUID())
        .param("amount", new BigDecimal(amount))
        .param("currency", currency)
        .param("status", status)
        .param("at", SqlTimestamps.of(createdAt))
        .update();
    return id;
  }

  void ledger(UUID orderId, String kind, String amount, String currency, Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into payment_ledger (id, order_id, kind, amount, currency, gateway, gateway_reference, "
            + "idempotency_key, created_at) values (:id, :order, :kind, :amount, :currency, 'sandbox', :id, :key, :at)")
        .param("id", id)
        .param("order", orderId)
        .param("kind", kind)
        .param("amount", new BigDecimal(amount))
        .param("currency", currency)
        .param("key", "analytics-test-" + id)
        .param("at", SqlTimestamps.of(at))
        .update();
  }

  String plan(String amount, String currency, String period) {
    String id = "analytics-" + UUID.randomUUID();
    jdbc.sql("insert into plans (id, name, amount, currency, billing_period, created_at) "
            + "values (:id, 'Plan', :amount, :currency, :period, :at)")
        .param("id", id)
        .param("amount", new BigDecimal(amount))
        .param("currency", currency)
        .param("period", period)
        .param("at", SqlTimestamps.of(Instant.now()))
        .update();
    return id;
  }

  void subscription(String planId, String status) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    jdbc.sql("insert into subscriptions (id, user_id, plan_id, status, payment_method_type, workflow_id, "
            + "periods_paid, failed_attempts, cancel_at_period_end, revision, created_at, updated_at) "
            + "values (:id, :user, :plan, :status, 'card', :workflowId, 0, 0, false, 0, :at, :at)")
        .param("id", id)
        .param("user", UUID.randomUUID())
        .param("plan", planId)
        .param("status", status)
        .param("workflowId", "subscription-" + id)
        .param("at", SqlTimestamps.of(now))
        .update();
  }
}
