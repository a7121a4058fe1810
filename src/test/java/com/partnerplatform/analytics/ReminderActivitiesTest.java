package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerplatform.analytics.ReminderStore.Reminder;
import com.partnerplatform.payment.SubscriptionMaintenance;
import com.partnerplatform.user.NotificationChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reminder checks and outcomes against the database (H2, or PostgreSQL with PLATFORM_IT_DATABASE_URL). */
class ReminderActivitiesTest {

  private final AnalyticsTestDatabase db = new AnalyticsTestDatabase();
  private final ReminderStore reminders = new ReminderStore(db.jdbc);
  private final SubscriptionMaintenance subscriptions = mock(SubscriptionMaintenance.class);
  private final ReminderActivities activities = new ReminderActivitiesImpl(reminders, subscriptions,
      Clock.systemUTC());

  @Test
  void aScheduledGeneralReminderIsValidAndIsMarkedSentOnce() {
    UUID id = reminder(ReminderType.GENERAL, null);

    assertThat(activities.invalidity(id)).isNull();
    activities.finish(id, ReminderStatus.SENT, null);
    activities.finish(id, ReminderStatus.DROPPED, "late");

    Reminder reminder = reminders.find(id).orElseThrow();
    assertThat(reminder.status()).isEqualTo(ReminderStatus.SENT);
    assertThat(reminder.channels()).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.IN_APP);
    assertThat(activities.invalidity(id)).isEqualTo("the reminder is sent");
  }

  @Test
  void aPaymentReminderIsValidOnlyWhileItsSubscriptionIsLive() {
    UUID subscription = UUID.randomUUID();
    UUID id = reminder(ReminderType.PAYMENT, subscription);

    when(subscriptions.isLive(subscription)).thenReturn(true);
    assertThat(activities.invalidity(id)).isNull();
    when(subscriptions.isLive(subscription)).thenReturn(false);
    assertThat(activities.invalidity(id)).contains(subscription.toString(), "ended");
  }

  @Test
  void aCancelledReminderIsNotValid() {
    UUID id = reminder(ReminderType.GENERAL, null);
    reminders.finish(id, ReminderStatus.CANCELLED, "cancelled", Instant.now());

    assertThat(activities.invalidity(id)).isEqualTo("the reminder is cancelled");
    assertThat(activities.invalidity(UUID.randomUUID())).contains("no longer exists");
  }

  private UUID reminder(ReminderType type, UUID subscriptionId) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    reminders.insert(new Reminder(id, UUID.randomUUID(), UUID.randomUUID(), type, "Pay", now.plusSeconds(3600),
        Set.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), subscriptionId, ReminderStatus.SCHEDULED,
        null, now, now));
    return id;
  }
}
