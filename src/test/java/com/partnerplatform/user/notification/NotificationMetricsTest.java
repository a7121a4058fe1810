package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerplatform.platform.MigratedTestDatabase;
import com.partnerplatform.user.NotificationChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How a delivery activity's attempts are counted: a delivery once, however often it is retried. */
class NotificationMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final NotificationMetrics metrics = new NotificationMetrics(meters);
  private final DeliveryLog deliveryLog = new DeliveryLog(JdbcClient.create(MigratedTestDatabase.dataSource()));

  @Test
  void aDeliveryRecordedByAnEarlierAttemptCountsOnce() {
    String key = "test-" + UUID.randomUUID();

    metrics.attempt(NotificationChannel.EMAIL,
        () -> deliveryLog.recordDelivered(key, NotificationChannel.EMAIL, Instant.now()));
    metrics.attempt(NotificationChannel.EMAIL,
        () -> deliveryLog.recordDelivered(key, NotificationChannel.EMAIL, Instant.now()));

    assertThat(count("email", "delivered")).isEqualTo(1);
  }

  @Test
  void aFailureForGoodIsFailedAndOneThatIsRetriedAnError() {
    ApplicationFailure rejected = ApplicationFailure.newNonRetryableFailure("HTTP 400", "WEBHOOK_REJECTED");
    ApplicationFailure unavailable = ApplicationFailure.newFailure("HTTP 503", "WEBHOOK_UNAVAILABLE");

    assertThatThrownBy(() -> metrics.attempt(NotificationChannel.WEBHOOK, () -> {
      throw rejected;
    })).isSameAs(rejected);
    assertThatThrownBy(() -> metrics.attempt(NotificationChannel.WEBHOOK, () -> {
      throw unavailable;
    })).isSameAs(unavailable);
    assertThatThrownBy(() -> metrics.attempt(NotificationChannel.IN_APP, () -> {
      throw new IllegalStateException("database down");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(count("webhook", "failed")).isEqualTo(1);
    assertThat(count("webhook", "error")).isEqualTo(1);
    assertThat(count("in_app", "error")).isEqualTo(1);
    assertThat(meters.find(NotificationMetrics.DELIVERIES).tag("outcome", "delivered").counters()).isEmpty();
  }

  private double count(String channel, String outcome) {
    return meters.counter(NotificationMetrics.DELIVERIES, "channel", channel, "outcome", outcome).count();
  }
}
