package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.RecordingNotificationWorkflow;
import com.partnerplatform.user.RecordingNotificationWorkflow.Sent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reminders on a durable timer, with skipped time and mocked activities. */
class ReminderWorkflowTest {

  private final ReminderActivities activities = mock(ReminderActivities.class, withSettings().withoutAnnotations());
  private final UUID reminderId = UUID.randomUUID();
  private final UUID userId = UUID.randomUUID();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(AnalyticsTestSupport.ANALYTICS_QUEUE);
    worker.registerWorkflowImplementationTypes(AnalyticsTestSupport.ANALYTICS_OPTIONS, ReminderWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.newWorker(AnalyticsTestSupport.USERS_QUEUE)
        .registerWorkflowImplementationTypes(RecordingNotificationWorkflow.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void atItsTimeAValidReminderIsSentThroughTheNotificationWorkflowAndMarkedSent() {
    Instant remindAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(3));

    ReminderStatus status = workflow().run(request(remindAt));

    assertThat(status).isEqualTo(ReminderStatus.SENT);
    // The reminder ends once its notification has started; the notification runs on its own.
    String notificationId = "notification-" + userId + "-reminder-" + reminderId;
    client.newUntypedWorkflowStub(notificationId).getResult(NotificationResult.class);
    Sent sent = RecordingNotificationWorkflow.sent(notificationId).orElse(null);
    assertThat(sent).isNotNull();
    assertThat(sent.at()).isAfterOrEqualTo(remindAt);
    NotificationRequest notification = sent.request();
    assertThat(notification.type()).isEqualTo("reminder");
    assertThat(notification.message()).isEqualTo("Renew the lease");
    assertThat(notification.channels()).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.IN_APP);
    assertThat(notification.urgent()).isTrue();
    verify(activities).finish(reminderId, ReminderStatus.SENT, null);
  }

  @Test
  void aReminderNoLongerValidAtItsTimeIsDropped() {
    when(activities.invalidity(reminderId)).thenReturn("subscription x has ended");

    ReminderStatus status = workflow().run(request(Instant.ofEpochMilli(env.currentTimeMillis()).plusSeconds(60)));

    assertThat(status).isEqualTo(ReminderStatus.DROPPED);
    verify(activities).finish(reminderId, ReminderStatus.DROPPED, "subscription x has ended");
    assertThat(RecordingNotificationWorkflow.sent("notification-" + userId + "-reminder-" + reminderId)).isEmpty();
  }

  @Test
  void aCancelledReminderEndsWithoutSending() {
    ReminderWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, request(Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(1))));
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);

    stub.cancel();

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> stub.getResult(ReminderStatus.class));
    assertThat(failed.getCause()).isInstanceOf(CanceledFailure.class);
    verify(activities).finish(reminderId, ReminderStatus.CANCELLED, "cancelled");
    verify(activities, never()).invalidity(any());
    assertThat(RecordingNotificationWorkflow.sent("notification-" + userId + "-reminder-" + reminderId)).isEmpty();
  }

  private ReminderRequest request(Instant remindAt) {
    return new ReminderRequest(reminderId, userId, ReminderType.GENERAL, "Renew the lease", remindAt,
        Set.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), null, AnalyticsTestSupport.USERS_QUEUE);
  }

  private ReminderWorkflow workflow() {
    return client.newWorkflowStub(ReminderWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ReminderRequest.workflowId(reminderId))
        .setTaskQueue(AnalyticsTestSupport.ANALYTICS_QUEUE)
        .build());
  }
}
