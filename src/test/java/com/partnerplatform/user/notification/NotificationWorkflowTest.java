package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.DomainWorkers;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.temporal.WorkerSettings;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import com.partnerplatform.platform.temporal.ApplicationYaml;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The notification workflow with mocked activities, registered as the application registers it
 * (the production application.yml's activity options), on a test server that skips time.
 */
class NotificationWorkflowTest {

  private final DeliveryPlanActivity planning = mock(DeliveryPlanActivity.class, withSettings().withoutAnnotations());
  private final EmailActivity email = mock(EmailActivity.class, withSettings().withoutAnnotations());
  private final InAppActivity inApp = mock(InAppActivity.class, withSettings().withoutAnnotations());
  private final WebhookActivity webhook = mock(WebhookActivity.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment environment;
  private DomainWorkers workers;
  private String taskQueue;

  @AfterEach
  void stop() {
    if (environment != null) {
      workers.stop();
      environment.close();
    }
  }

  @Test
  void theEmailActivityTypeIsTheOneMappedToTheEmailOptions() {
    String type = POJOActivityInterfaceMetadata.newInstance(EmailActivity.class)
        .getMethodsMetadata().get(0).getActivityTypeName();

    assertThat(type).isEqualTo(EmailActivity.TYPE);
  }

  @Test
  void deliversEveryPlannedChannelAndReportsTheSkippedOnes() {
    start("");
    NotificationRequest request = request(false);
    plan(request, new DeliveryPlan(List.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP),
        Map.of(NotificationChannel.WEBHOOK, "The user has not registered a webhook."), null));

    NotificationResult result = workflow(request).send(request);

    assertThat(result.channels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        NotificationChannel.EMAIL, ChannelOutcome.sent(),
        NotificationChannel.IN_APP, ChannelOutcome.sent(),
        NotificationChannel.WEBHOOK, ChannelOutcome.skipped("The user has not registered a webhook.")));
    ArgumentCaptor<Delivery> delivery = ArgumentCaptor.forClass(Delivery.class);
    verify(email).sendEmail(delivery.capture());
    assertThat(delivery.getValue().key()).isEqualTo(request.workflowId());
    assertThat(delivery.getValue().request()).isEqualTo(request);
    verify(inApp).storeInApp(delivery.getValue());
    verify(webhook, never()).postWebhook(any());
  }

  @Test
  void channelsThatFailForGoodAreReportedFailedAfterTheirAttemptsWithoutAffectingTheOthers() {
    start("");
    NotificationRequest request = request(false);
    plan(request, everyChannel(null));
    doThrow(new IllegalStateException("Mail server connection failed")).when(email).sendEmail(any());
    doThrow(ApplicationFailure.newFailure("The webhook answered HTTP 500.", "WEBHOOK_UNAVAILABLE"))
        .when(webhook).postWebhook(any());

    NotificationResult result = workflow(request).send(request);

    assertThat(result.channels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        NotificationChannel.EMAIL, ChannelOutcome.failed("Mail server connection failed"),
        NotificationChannel.IN_APP, ChannelOutcome.sent(),
        NotificationChannel.WEBHOOK, ChannelOutcome.failed("The webhook answered HTTP 500.")));
    // application.yml: email 3 attempts; notification (the users queue's default) STANDARD, 3 attempts.
    verify(email, times(3)).sendEmail(any());
    verify(webhook, times(3)).postWebhook(any());
    verify(inApp, times(1)).storeInApp(any());
  }

  @Test
  void emailAttemptsComeFromTheEmailOptionsAndTheOtherChannelsFromTheQueueDefault() {
    start("""
        platform.temporal.activity-options.email: { timeout: short, retry-policy: standard, maximum-attempts: 2 }
        """);
    NotificationRequest request = request(false);
    plan(request, everyChannel(null));
    doThrow(new IllegalStateException("Mail server connection failed")).when(email).sendEmail(any());
    doThrow(new IllegalStateException("Connection refused")).when(webhook).postWebhook(any());

    workflow(request).send(request);

    verify(email, times(2)).sendEmail(any());
    verify(webhook, times(3)).postWebhook(any());
  }

  @Test
  void aPermanentFailureIsNotRetried() {
    start("");
    NotificationRequest request = request(false);
    plan(request, new DeliveryPlan(List.of(NotificationChannel.EMAIL), Map.of(), null));
    doThrow(ApplicationFailure.newNonRetryableFailure("The address is not deliverable.", "INVALID_EMAIL_ADDRESS"))
        .when(email).sendEmail(any());

    NotificationResult result = workflow(request).send(request);

    assertThat(result.channels()).containsExactlyEntriesOf(
        Map.of(NotificationChannel.EMAIL, ChannelOutcome.failed("The address is not deliverable.")));
    verify(email, times(1)).sendEmail(any());
  }

  @Test
  void optedOutChannelsAreSkippedAndNeverDelivered() {
    start("");
    NotificationRequest request = request(false);
    plan(request, new DeliveryPlan(List.of(NotificationChannel.IN_APP), Map.of(
        NotificationChannel.EMAIL, "The user turned email off for announcement notifications.",
        NotificationChannel.WEBHOOK, "The user turned webhook off for announcement notifications."), null));

    NotificationResult result = workflow(request).send(request);

    assertThat(result.channels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        NotificationChannel.IN_APP, ChannelOutcome.sent(),
        NotificationChannel.EMAIL, ChannelOutcome.skipped("The user turned email off for announcement notifications."),
        NotificationChannel.WEBHOOK,
        ChannelOutcome.skipped("The user turned webhook off for announcement notifications.")));
    verify(email, never()).sendEmail(any());
    verify(webhook, never()).postWebhook(any());
  }

  @Test
  void duringQuietHoursDeliveryWaitsUntilTheyEndAndShowsThatItWaits() {
    start("");
    Instant now = Instant.ofEpochMilli(environment.currentTimeMillis());
    Instant quietEnd = now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    NotificationRequest request = request(false);
    plan(request, everyChannel(new QuietHours(utcTime(now.minus(Duration.ofHours(1))), utcTime(quietEnd), "UTC")));
    AtomicLong deliveredAt = new AtomicLong();
    doAnswer(invocation -> {
      deliveredAt.set(environment.currentTimeMillis());
      return null;
    }).when(inApp).storeInApp(any());

    NotificationWorkflow workflow = workflow(request);
    WorkflowClient.start(workflow::send, request);
    // Time stands still until the test waits for the result.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(workflow.getStatus().channels())
        .containsEntry(NotificationChannel.EMAIL, new ChannelOutcome("delayed", "quiet hours until " + quietEnd)));
    verify(inApp, never()).storeInApp(any());

    NotificationResult result = environment.getWorkflowClient()
        .newUntypedWorkflowStub(request.workflowId()).getResult(NotificationResult.class);

    assertThat(result.channels().values()).containsOnly(ChannelOutcome.sent());
    assertThat(Instant.ofEpochMilli(deliveredAt.get())).isBetween(quietEnd, quietEnd.plus(Duration.ofMinutes(1)));
  }

  @Test
  void urgentNotificationsIgnoreQuietHours() {
    start("");
    Instant now = Instant.ofEpochMilli(environment.currentTimeMillis());
    NotificationRequest request = request(true);
    plan(request, everyChannel(new QuietHours(
        utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofHours(2))), "UTC")));
    AtomicLong deliveredAt = new AtomicLong();
    doAnswer(invocation -> {
      deliveredAt.set(environment.currentTimeMillis());
      return null;
    }).when(email).sendEmail(any());

    NotificationResult result = workflow(request).send(request);

    assertThat(result.channels().values()).containsOnly(ChannelOutcome.sent());
    assertThat(Instant.ofEpochMilli(deliveredAt.get())).isBefore(now.plus(Duration.ofMinutes(1)));
  }

  /** Replaying an execution with waits, parallel channels and retries reproduces its history. */
  @Test
  void anExecutionReplaysDeterministically() throws Exception {
    start("");
    Instant now = Instant.ofEpochMilli(environment.currentTimeMillis());
    NotificationRequest request = request(false);
    plan(request, new DeliveryPlan(List.of(NotificationChannel.values()), Map.of(), new QuietHours(
        utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofHours(1))), "UTC")));
    doThrow(new IllegalStateException("Connection refused")).when(webhook).postWebhook(any());
    workflow(request).send(request);

    Worker replayer = environment.newWorker("replay");
    replayer.registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder()
        .setDefaultActivityOptions(ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
        .setDefaultLocalActivityOptions(
            LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
        .build(), NotificationWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(
        environment.getWorkflowClient().fetchHistory(request.workflowId()), replayer);
  }

  /** Registers the workflow through {@link DomainWorkers}, as the application does. */
  private void start(String overridesYaml) {
    Binder configuration = ApplicationYaml.withOverrides(overridesYaml);
    TemporalSettings settings = configuration.bindOrCreate("platform.temporal", TemporalSettings.class);
    WorkerSettings workerSettings = configuration.bindOrCreate("platform.worker", WorkerSettings.class);
    taskQueue = settings.taskQueue(DomainQueue.USERS);
    environment = TestWorkflowEnvironment.newInstance();
    workers = new DomainWorkers(environment.getWorkflowClient(), settings, workerSettings,
        new ActivityOptionsCatalog(settings),
        List.of(new NotificationConfiguration().notificationWorkers(planning, email, inApp, webhook)));
    workers.start();
  }

  private NotificationWorkflow workflow(NotificationRequest request) {
    return environment.getWorkflowClient().newWorkflowStub(NotificationWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(request.workflowId()).setTaskQueue(taskQueue).build());
  }

  private void plan(NotificationRequest request, DeliveryPlan plan) {
    when(planning.planDelivery(request)).thenReturn(plan);
  }

  private static DeliveryPlan everyChannel(QuietHours quietHours) {
    return new DeliveryPlan(List.of(NotificationChannel.values()), Map.of(), quietHours);
  }

  private static NotificationRequest request(boolean urgent) {
    return new NotificationRequest(UUID.randomUUID(), "announcement", "Maintenance tonight",
        "The site is down from 23:00.", Map.of(), Set.of(), urgent, "maintenance-1");
  }

  private static String utcTime(Instant instant) {
    return DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(instant);
  }

}
