package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.OpaqueTokens;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code email_verification_tokens}. Callers pass token values; only their SHA-256 reaches
 * the database, so a leaked table verifies nobody.
 */
@Repository
class VerificationTokenStore {

  private final JdbcClient jdbc;

  VerificationTokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String token, UUID userId, String workflowId, String runId, Instant issuedAt, Instant expiresAt) {
    jdbc.sql("insert into email_verification_tokens "
            + "(id, token_hash, user_id, workflow_id, run_id, issued_at, expires_at) "
            + "values (:id, :hash, :userId, :workflowId, :runId, :issuedAt, :expiresAt)")
        .param("id", UUID.randomUUID())
        .param("hash", OpaqueTokens.sha256Hex(token))
        .param("userId", userId)
        .param("workflowId", workflowId)
        .param("runId", runId)
        .param("issuedAt", SqlTimestamps.of(issuedAt))
        .param("expiresAt", SqlTimestamps.of(expiresAt))
        .update();
  }

  /**
   * Marks the token used if it is unused, not revoked and not expired. The conditional update
   * makes one request the only winner when the link is followed twice at once.
   *
   * @return the account and onboarding workflow the token belongs to; empty when it cannot be used
   */
  Optional<UsedToken> use(String token, Instant now) {
    String hash = OpaqueTokens.sha256Hex(token);
    int used = jdbc.sql("update email_verification_tokens set used_at = :now "
            + "where token_hash = :hash and used_at is null and revoked_at is null and expires_at > :now")
        .param("now", SqlTimestamps.of(now))
        .param("hash", hash)
        .update();
    if (used != 1) {
      return Optional.empty();
    }
    return jdbc.sql("select user_id, workflow_id from email_verification_tokens where token_hash = :hash")
        .param("hash", hash)
        .query((rs, row) -> new UsedToken(rs.getObject("user_id", UUID.class), rs.getString("workflow_id")))
        .optional();
  }

  /** Every unused link of the account stops working. */
  void revokeOutstanding(UUID userId, Instant now) {
    jdbc.sql("update email_verification_tokens set revoked_at = :now "
            + "where user_id = :userId and used_at is null and revoked_at is null")
        .param("now", SqlTimestamps.of(now))
        .param("userId", userId)
        .update();
  }

  record UsedToken(UUID userId, String workflowId) {}
}
