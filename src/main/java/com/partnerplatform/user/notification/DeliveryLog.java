package com.partnerplatform.user.notification;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.user.NotificationChannel;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which deliveries went out on channels that have no key of their own to deduplicate by (e-mail,
 * webhook), so that a retried activity whose earlier attempt succeeded does not send again.
 */
@Repository
class DeliveryLog {

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean isDelivered(String deliveryKey, NotificationChannel channel) {
    return jdbc.sql("select count(*) from notification_deliveries where delivery_key = :key and channel = :channel")
        .param("key", deliveryKey)
        .param("channel", channel.key())
        .query(Long.class)
        .single() > 0;
  }

  /** @return whether this call recorded it (false: an earlier attempt did) */
  boolean recordDelivered(String deliveryKey, NotificationChannel channel, Instant at) {
    try {
      return jdbc.sql("insert into notification_deliveries (delivery_key, channel, delivered_at) values (:key, :channel, :at)")
          .param("key", deliveryKey)
          .param("channel", channel.key())
          .param("at", SqlTimestamps.of(at))
          .update() == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }
}
