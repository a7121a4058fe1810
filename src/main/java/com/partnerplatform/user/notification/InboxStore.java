package com.partnerplatform.user.notification;

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

/** SQL for {@code notification_inbox}. */
@Repository
class InboxStore {

  private static final String COLUMNS = "id, user_id, type, subject, body, created_at, read_at";

  private final JdbcClient jdbc;

  InboxStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return false when the delivery is in the inbox already (a retried activity) */
  boolean insertOnce(String deliveryKey, UUID userId, String type, String subject, String body, Instant createdAt) {
    try {
      jdbc.sql("insert into notification_inbox (delivery_key, user_id, type, subject, body, created_at)"
              + " values (:deliveryKey, :userId, :type, :subject, :body, :createdAt)")
          .param("deliveryKey", deliveryKey)
          .param("userId", userId)
          .param("type", type)
          .param("subject", subject)
          .param("body", body)
          .param("createdAt", SqlTimestamps.of(createdAt))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Newest first. */
  List<InboxItem> page(UUID userId, boolean unreadOnly, long offset, int limit) {
    return jdbc.sql("select " + COLUMNS + " from notification_inbox where user_id = :userId"
            + (unreadOnly ? " and read_at is null" : "")
            + " order by created_at desc, id desc limit :limit offset :offset")
        .param("userId", userId)
        .param("limit", limit)
        .param("offset", offset)
        .query(InboxStore::item)
        .list();
  }

  long count(UUID userId, boolean unreadOnly) {
    return jdbc.sql("select count(*) from notification_inbox where user_id = :userId"
            + (unreadOnly ? " and read_at is null" : ""))
        .param("userId", userId)
        .query(Long.class)
        .single();
  }

  /** Marks the user's notification read (keeping the first read time); empty when it is not theirs. */
  Optional<InboxItem> markRead(UUID userId, long id, Instant now) {
    jdbc.sql("update notification_inbox set read_at = :now where id = :id and user_id = :userId and read_at is null")
        .param("id", id)
        .param("userId", userId)
        .param("now", SqlTimestamps.of(now))
        .update();
    return jdbc.sql("select " + COLUMNS + " from notification_inbox where id = :id and user_id = :userId")
        .param("id", id)
        .param("userId", userId)
        .query(InboxStore::item)
        .optional();
  }

  /** Rows written after {@code afterId}, in the order they were written, at most {@code limit}. */
  List<InboxItem> after(long afterId, int limit) {
    return jdbc.sql("select " + COLUMNS + " from notification_inbox where id > :afterId order by id limit :limit")
        .param("afterId", afterId)
        .param("limit", limit)
        .query(InboxStore::item)
        .list();
  }

  long newestId() {
    return jdbc.sql("select coalesce(max(id), 0) from notification_inbox").query(Long.class).single();
  }

  private static InboxItem item(ResultSet rs, int row) throws SQLException {
    return new InboxItem(rs.getLong("id"), rs.getObject("user_id", UUID.class), rs.getString("type"),
        rs.getString("subject"), rs.getString("body"), SqlTimestamps.read(rs, "created_at"), SqlTimestamps.read(rs, "read_at"));
  }

  record InboxItem(long id, UUID userId, String type, String subject, String body, Instant createdAt, Instant readAt) {}
}
