package com.partnerplatform.user.notification;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.user.NotificationChannel;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL for {@code notification_settings} and {@code notification_type_preferences}. */
@Repository
class PreferenceStore {

  private final JdbcClient jdbc;

  PreferenceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  NotificationPreferences load(UUID userId) {
    Map<String, Set<NotificationChannel>> types = new TreeMap<>();
    jdbc.sql("select type, channels from notification_type_preferences where user_id = :userId")
        .param("userId", userId)
        .query(rs -> {
          types.put(rs.getString("type"), channels(rs.getString("channels")));
        });
    return jdbc.sql("select quiet_start, quiet_end, quiet_time_zone, webhook_url from notification_settings"
            + " where user_id = :userId")
        .param("userId", userId)
        .query((rs, row) -> new NotificationPreferences(types,
            rs.getString("quiet_start") == null ? null : new QuietHours(
                rs.getString("quiet_start"), rs.getString("quiet_end"), rs.getString("quiet_time_zone")),
            rs.getString("webhook_url")))
        .optional()
        .orElseGet(() -> new NotificationPreferences(types, null, null));
  }

  Optional<Webhook> webhook(UUID userId) {
    return jdbc.sql("select webhook_url, webhook_secret from notification_settings"
            + " where user_id = :userId and webhook_url is not null")
        .param("userId", userId)
        .query((rs, row) -> new Webhook(rs.getString("webhook_url"), rs.getString("webhook_secret")))
        .optional();
  }

  /**
   * Replaces the per-type channels and the quiet hours. Call {@link #ensureSettingsRow} first: the
   * update locks the user's row, so concurrent replacements of one user's preferences take turns.
   */
  @Transactional
  void replace(UUID userId, Map<String, Set<NotificationChannel>> types, QuietHours quietHours, Instant now) {
    jdbc.sql("update notification_settings set quiet_start = :start, quiet_end = :end,"
            + " quiet_time_zone = :timeZone, updated_at = :now where user_id = :userId")
        .param("userId", userId)
        .param("start", quietHours == null ? null : quietHours.start())
        .param("end", quietHours == null ? null : quietHours.end())
        .param("timeZone", quietHours == null ? null : quietHours.timeZone())
        .param("now", SqlTimestamps.of(now))
        .update();
    jdbc.sql("delete from notification_type_preferences where user_id = :userId").param("userId", userId).update();
    types.forEach((type, channels) -> jdbc.sql(
            "insert into notification_type_preferences (user_id, type, channels) values (:userId, :type, :channels)")
        .param("userId", userId)
        .param("type", type)
        .param("channels", channels.stream().sorted().map(NotificationChannel::key).collect(Collectors.joining(",")))
        .update());
  }

  /** Call {@link #ensureSettingsRow} first. */
  void setWebhook(UUID userId, Webhook webhook, Instant now) {
    jdbc.sql("update notification_settings set webhook_url = :url, webhook_secret = :secret, updated_at = :now"
            + " where user_id = :userId")
        .param("userId", userId)
        .param("url", webhook == null ? null : webhook.url())
        .param("secret", webhook == null ? null : webhook.secret())
        .param("now", SqlTimestamps.of(now))
        .update();
  }

  /**
   * Creates the user's settings row when it is missing. Runs on its own (outside any transaction):
   * when a concurrent request created the row first, the failed insert must not abort a transaction.
   */
  void ensureSettingsRow(UUID userId, Instant now) {
    boolean exists = jdbc.sql("select count(*) from notification_settings where user_id = :userId")
        .param("userId", userId)
        .query(Long.class)
        .single() > 0;
    if (!exists) {
      try {
        jdbc.sql("insert into notification_settings (user_id, updated_at) values (:userId, :now)")
            .param("userId", userId)
            .param("now", SqlTimestamps.of(now))
            .update();
      } catch (DuplicateKeyException e) {
        // Created concurrently: what we wanted.
      }
    }
  }

  private static Set<NotificationChannel> channels(String keys) {
    Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
    if (!keys.isEmpty()) {
      Arrays.stream(keys.split(",")).map(NotificationChannel::fromKey).forEach(channels::add);
    }
    return channels;
  }

  /** A registered webhook and the key its bodies are signed with. */
  record Webhook(String url, String secret) {}
}
