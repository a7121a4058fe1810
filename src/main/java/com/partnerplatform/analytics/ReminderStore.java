package com.partnerplatform.analytics;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.user.NotificationChannel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code reminders} table. */
@Repository
class ReminderStore {

  private static final String COLUMNS = "id, user_id, created_by, type, message, remind_at, channels, "
      + "subscription_id, status, status_reason, created_at, updated_at";

  private final JdbcClient jdbc;

  ReminderStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Reminder(UUID id, UUID userId, UUID createdBy, ReminderType type, String message, Instant remindAt,
      Set<NotificationChannel> channels, UUID subscriptionId, ReminderStatus status, String statusReason,
      Instant createdAt, Instant updatedAt) {

    String workflowId() {
      return ReminderRequest.workflowId(id);
    }
  }

  void insert(Reminder reminder) {
    jdbc.sql("insert into reminders (" + COLUMNS + ") values (:id, :userId, :createdBy, :type, :message, :remindAt, "
            + ":channels, :subscriptionId, :status, :statusReason, :createdAt, :updatedAt)")
        .param("id", reminder.id())
        .param("userId", reminder.userId())
        .param("createdBy", reminder.createdBy())
        .param("type", reminder.type().key())
        .param("message", reminder.message())
        .param("remindAt", SqlTimestamps.of(reminder.remindAt()))
        .param("channels", reminder.channels().stream().map(NotificationChannel::key).sorted()
            .collect(Collectors.joining(",")))
        .param("subscriptionId", reminder.subscriptionId())
        .param("status", reminder.status().value())
        .param("statusReason", reminder.statusReason())
        .param("createdAt", SqlTimestamps.of(reminder.createdAt()))
        .param("updatedAt", SqlTimestamps.of(reminder.updatedAt()))
        .update();
  }

  Optional<Reminder> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from reminders where id = :id").param("id", id)
        .query(ReminderStore::reminder).optional();
  }

  /**
   * Moves a scheduled reminder to its outcome.
   *
   * @return false when it was not scheduled any more
   */
  boolean finish(UUID id, ReminderStatus status, String reason, Instant now) {
    return jdbc.sql("update reminders set status = :status, status_reason = :reason, updated_at = :now "
            + "where id = :id and status = 'scheduled'")
        .param("id", id)
        .param("status", status.value())
        .param("reason", reason)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** One page by time, soonest first; every user's when {@code userId} is null. */
  List<Reminder> page(UUID userId, int page, int size) {
    return jdbc.sql("select " + COLUMNS + " from reminders where (cast(:userId as uuid) is null or user_id = :userId) "
            + "order by remind_at, id limit :size offset :offset")
        .param("userId", userId)
        .param("size", size)
        .param("offset", (long) page * size)
        .query(ReminderStore::reminder)
        .list();
  }

  long count(UUID userId) {
    return jdbc.sql("select count(*) from reminders where (cast(:userId as uuid) is null or user_id = :userId)")
        .param("userId", userId)
        .query(Long.class)
        .single();
  }

  private static Reminder reminder(ResultSet rs, int row) throws SQLException {
    String channels = rs.getString("channels");
    return new Reminder(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
        rs.getObject("created_by", UUID.class), ReminderType.fromKey(rs.getString("type")).orElseThrow(),
        rs.getString("message"), SqlTimestamps.read(rs, "remind_at"),
        channels.isEmpty() ? Set.of() : Arrays.stream(channels.split(",")).map(NotificationChannel::fromKey)
            .collect(Collectors.toUnmodifiableSet()),
        rs.getObject("subscription_id", UUID.class), ReminderStatus.fromValue(rs.getString("status")),
        rs.getString("status_reason"), SqlTimestamps.read(rs, "created_at"), SqlTimestamps.read(rs, "updated_at"));
  }
}
