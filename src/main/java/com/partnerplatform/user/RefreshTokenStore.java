package com.partnerplatform.user;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.OpaqueTokens;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL for {@code refresh_tokens}. Callers pass token values; only their SHA-256 reaches the
 * database, so a leaked table cannot be replayed.
 */
@Repository
class RefreshTokenStore {

  private final JdbcClient jdbc;

  RefreshTokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String token, UUID familyId, UUID userId, Instant issuedAt, Instant expiresAt) {
    jdbc.sql("insert into refresh_tokens (id, token_hash, family_id, user_id, issued_at, expires_at) "
            + "values (:id, :hash, :familyId, :userId, :issuedAt, :expiresAt)")
        .param("id", UUID.randomUUID())
        .param("hash", OpaqueTokens.sha256Hex(token))
        .param("familyId", familyId)
        .param("userId", userId)
        .param("issuedAt", SqlTimestamps.of(issuedAt))
        .param("expiresAt", SqlTimestamps.of(expiresAt))
        .update();
  }

  Optional<StoredRefreshToken> find(String token) {
    return jdbc.sql("select id, family_id, user_id, expires_at, used_at, revoked_at "
            + "from refresh_tokens where token_hash = :hash")
        .param("hash", OpaqueTokens.sha256Hex(token))
        .query((rs, row) -> new StoredRefreshToken(
            rs.getObject("id", UUID.class),
            rs.getObject("family_id", UUID.class),
            rs.getObject("user_id", UUID.class),
            SqlTimestamps.read(rs, "expires_at"),
            SqlTimestamps.read(rs, "used_at"),
            SqlTimestamps.read(rs, "revoked_at")))
        .optional();
  }

  /**
   * Marks {@code used} as used and stores its successor in the same family with the same expiry.
   * The conditional update makes this the only winner when the token is presented concurrently.
   *
   * @return false, and nothing stored, when the token was already used or revoked
   */
  @Transactional
  boolean rotate(StoredRefreshToken used, String successor, Instant now) {
    int marked = jdbc.sql("update refresh_tokens set used_at = :now "
            + "where id = :id and used_at is null and revoked_at is null")
        .param("now", SqlTimestamps.of(now))
        .param("id", used.id())
        .update();
    if (marked != 1) {
      return false;
    }
    insert(successor, used.familyId(), used.userId(), now, used.expiresAt());
    return true;
  }

  /** Revokes every token of the family, including ones issued after the token presented. */
  void revokeFamily(UUID familyId, Instant now) {
    jdbc.sql("update refresh_tokens set revoked_at = :now where family_id = :familyId and revoked_at is null")
        .param("now", SqlTimestamps.of(now))
        .param("familyId", familyId)
        .update();
  }

  record StoredRefreshToken(
      UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant usedAt, Instant revokedAt) {}
}
