package com.partnerplatform.analytics;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of another domain's table that the clean-up removes: refresh tokens (user domain) that
 * expired or were revoked before the cutoff, and in-app notifications read before it.
 */
final class TableCleanupTarget implements CleanupTarget {

  private final CleanupType type;
  private final JdbcClient jdbc;
  private final String table;
  private final String olderThanCutoff;
  private final Function<String, Object> key;

  /**
   * @param olderThanCutoff the condition on {@code :cutoff} that selects old rows
   * @param key turns a key back into the id column's type
   */
  private TableCleanupTarget(CleanupType type, JdbcClient jdbc, String table, String olderThanCutoff,
      Function<String, Object> key) {
    this.type = type;
    this.jdbc = jdbc;
    this.table = table;
    this.olderThanCutoff = olderThanCutoff;
    this.key = key;
  }

  static TableCleanupTarget sessions(JdbcClient jdbc) {
    return new TableCleanupTarget(CleanupType.SESSIONS, jdbc, "refresh_tokens",
        "(expires_at < :cutoff or revoked_at < :cutoff)", UUID::fromString);
  }

  static TableCleanupTarget notifications(JdbcClient jdbc) {
    return new TableCleanupTarget(CleanupType.NOTIFICATIONS, jdbc, "notification_inbox", "read_at < :cutoff",
        Long::valueOf);
  }

  @Override
  public CleanupType type() {
    return type;
  }

  @Override
  public long count(Instant cutoff) {
    return jdbc.sql("select count(*) from " + table + " where " + olderThanCutoff)
        .param("cutoff", SqlTimestamps.of(cutoff)).query(Long.class).single();
  }

  @Override
  public List<String> nextKeys(Instant cutoff, int limit) {
    return jdbc.sql("select id from " + table + " where " + olderThanCutoff + " order by id limit :limit")
        .param("cutoff", SqlTimestamps.of(cutoff))
        .param("limit", limit)
        .query((rs, row) -> rs.getObject("id").toString())
        .list();
  }

  @Override
  public Map<String, Map<String, Object>> records(List<String> keys) {
    Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    jdbc.sql("select * from " + table + " where id in (:ids) order by id")
        .param("ids", ids(keys))
        .query()
        .listOfRows()
        .forEach(row -> {
          Map<String, Object> record = portable(row);
          records.put(record.get("id").toString(), record);
        });
    return records;
  }

  @Override
  public void delete(List<String> keys, Instant cutoff) {
    jdbc.sql("delete from " + table + " where id in (:ids) and " + olderThanCutoff)
        .param("ids", ids(keys))
        .param("cutoff", SqlTimestamps.of(cutoff))
        .update();
  }

  private List<Object> ids(List<String> keys) {
    return keys.stream().map(key).toList();
  }

  /** Column values as JSON writes them the same from both databases: times as ISO instants. */
  private static Map<String, Object> portable(Map<String, Object> row) {
    Map<String, Object> record = new LinkedHashMap<>();
    row.forEach((column, value) -> record.put(column.toLowerCase(Locale.ROOT), portable(value)));
    return record;
  }

  private static Object portable(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant().toString();
    }
    if (value instanceof TemporalAccessor || value instanceof UUID) {
      return value.toString();
    }
    return value;
  }
}
