package com.partnerplatform.user.notification;

import io.temporal.failure.ApplicationFailure;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads who notifications go to from the {@code users} table. */
@Repository
class Recipients {

  private final JdbcClient jdbc;

  Recipients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Recipient> find(UUID userId) {
    return jdbc.sql("select id, email, name from users where id = :id")
        .param("id", userId)
        .query((rs, row) -> new Recipient(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name")))
        .optional();
  }

  /** For activities: a missing user is permanent, so retrying is pointless. */
  Recipient require(UUID userId) {
    return find(userId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "There is no user " + userId + ".", "USER_NOT_FOUND"));
  }

  /** The ids among {@code userIds} that belong to no user, in their order. */
  Set<UUID> unknown(Collection<UUID> userIds) {
    Set<UUID> unknown = new LinkedHashSet<>(userIds);
    if (!unknown.isEmpty()) {
      jdbc.sql("select id from users where id in (:ids)")
          .param("ids", userIds)
          .query((rs, row) -> rs.getObject("id", UUID.class))
          .list()
          .forEach(unknown::remove);
    }
    return unknown;
  }

  record Recipient(UUID id, String email, String name) {}
}
