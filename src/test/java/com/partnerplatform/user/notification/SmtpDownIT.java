package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.Notifications;
import com.partnerplatform.user.notification.ApiUsers.User;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mail relay is down: e-mail is retried and then reported failed, never sent; in-app is unaffected. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.mail.embedded=false", "spring.mail.host=127.0.0.1"})
@ActiveProfiles("it")
class SmtpDownIT {

  @Autowired
  Notifications notifications;
  @Autowired
  WorkflowClient workflowClient;
  @Autowired
  JdbcClient jdbc;
  @LocalServerPort
  int port;

  /** A port nothing listens on: it was free a moment ago and is closed again. */
  @DynamicPropertySource
  static void closedSmtpPort(DynamicPropertyRegistry registry) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int closedPort = socket.getLocalPort();
      registry.add("spring.mail.port", () -> closedPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void emailIsRetriedThenReportedFailedAndNeverSentWhileInAppIsDelivered() throws Exception {
    User user = new ApiUsers(new TestHttp(port)).register("Ken Thompson");
    NotificationRequest request = new NotificationRequest(user.id(), "announcement", "Maintenance",
        "Tonight from 23:00.", Map.of(), Set.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), false,
        UUID.randomUUID().toString());

    String workflowId = notifications.send(request);
    NotificationResult result = workflowClient.newUntypedWorkflowStub(workflowId)
        .getResult(60, TimeUnit.SECONDS, NotificationResult.class);

    assertThat(result.channels().get(NotificationChannel.IN_APP)).isEqualTo(ChannelOutcome.sent());
    ChannelOutcome email = result.channels().get(NotificationChannel.EMAIL);
    assertThat(email.status()).isEqualTo("failed");
    assertThat(email.reason()).isEqualTo("The SMTP server did not take the message: Connection refused");
    assertThat(jdbc.sql("select count(*) from notification_deliveries where delivery_key = :key")
        .param("key", workflowId).query(Long.class).single()).isZero();
    // Retried as the email options allow (application.yml: 3 attempts), each refused.
    List<HistoryEvent> history = workflowClient.fetchHistory(workflowId).getEvents();
    List<ActivityTaskFailedEventAttributes> failures = history.stream()
        .filter(HistoryEvent::hasActivityTaskFailedEventAttributes)
        .map(HistoryEvent::getActivityTaskFailedEventAttributes)
        .toList();
    assertThat(failures).hasSize(1);
    ActivityTaskFailedEventAttributes failure = failures.get(0);
    assertThat(failure.getRetryState()).isEqualTo(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
    assertThat(history.stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .map(HistoryEvent::getActivityTaskStartedEventAttributes)
        .filter(started -> started.getScheduledEventId() == failure.getScheduledEventId())
        .map(started -> started.getAttempt()))
        .containsExactly(3);
  }
}
