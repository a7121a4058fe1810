package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import com.partnerplatform.user.Notifications;
import com.partnerplatform.user.notification.ApiUsers.User;
import com.partnerplatform.user.notification.WebhookReceiver.Received;
import io.temporal.client.WorkflowClient;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications delivered by the whole application through real components: SMTP to a GreenMail
 * server this test owns (so it can read the raw MIME parts), webhooks to a real HTTP receiver, the
 * inbox through the API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.mail.embedded=false", "spring.mail.host=127.0.0.1"})
@ActiveProfiles("it")
class NotificationDeliveryIT {

  private static final GreenMail SMTP = startSmtp();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired
  Notifications notifications;
  @Autowired
  WorkflowClient workflowClient;
  @Autowired
  EmailActivity emailActivity;
  @Autowired
  InAppActivity inAppActivity;
  @Autowired
  WebhookActivity webhookActivity;
  @LocalServerPort
  int port;

  private TestHttp http;
  private ApiUsers users;

  private static GreenMail startSmtp() {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    return smtp;
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @BeforeEach
  void client() {
    http = new TestHttp(port);
    users = new ApiUsers(http);
  }

  @Test
  void anEmailCarriesTheRenderedSubjectPlainTextAndEscapedHtmlAndIsSentOncePerDelivery() throws Exception {
    User user = users.register("Grace Hopper");
    String message = "Prices drop 10% & more: <script>alert('x')</script>";
    NotificationRequest request = request(user, "announcement", "Spring sale", message, Set.of(NotificationChannel.EMAIL));

    NotificationResult result = result(notifications.send(request));

    assertThat(result.channels()).containsExactlyEntriesOf(Map.of(NotificationChannel.EMAIL, ChannelOutcome.sent()));
    MimeMessage mail = single(mailTo(user.email(), "Spring sale"));
    assertThat(mail.getFrom()[0].toString()).isEqualTo("no-reply@partner-platform.local");
    assertThat(mail.getHeader("Message-ID")[0]).matches("<[0-9a-f]{64}@partner-platform\\.local>");
    String text = part(mail, "text/plain");
    assertThat(text).contains("Hello Grace Hopper,").contains(message);
    String html = part(mail, "text/html");
    assertThat(html).contains("Hello <span>Grace Hopper</span>")
        .contains("Prices drop 10% &amp; more: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>");

    // A retried activity after a lost acknowledgement: the delivery is recorded, nothing is sent.
    emailActivity.sendEmail(new Delivery(request.workflowId(), Instant.now(), request));
    assertThat(mailTo(user.email(), "Spring sale")).hasSize(1);
  }

  @Test
  void aWebhookReceivesTheNotificationSignedWithTheUsersSecret() throws Exception {
    User user = users.register("Alan Turing");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String secret = registerWebhook(user, receiver.url());
      NotificationRequest request = new NotificationRequest(user.id(), "order_shipped", "Your order shipped",
          "Order 42 is on its way.", Map.of("orderId", "42"), Set.of(NotificationChannel.WEBHOOK), false,
          UUID.randomUUID().toString());

      NotificationResult result = result(notifications.send(request));

      assertThat(result.channels()).containsExactlyEntriesOf(Map.of(NotificationChannel.WEBHOOK, ChannelOutcome.sent()));
      Received call = single(receiver.received());
      assertThat(call.method()).isEqualTo("POST");
      assertThat(call.header("X-Partner-Platform-Signature")).isEqualTo("sha256=" + hmacSha256Hex(secret, call.body()));
      assertThat(call.header("Idempotency-Key")).isEqualTo(request.workflowId());
      assertThat(call.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = JSON.readTree(call.bodyText());
      assertThat(body.get("id").asString()).isEqualTo(request.workflowId());
      assertThat(body.get("type").asString()).isEqualTo("order_shipped");
      assertThat(body.get("subject").asString()).isEqualTo("Your order shipped");
      assertThat(body.get("message").asString()).contains("Order 42 is on its way.");
      assertThat(body.get("data").get("orderId").asString()).isEqualTo("42");
      assertThat(Instant.parse(body.get("createdAt").asString())).isBefore(Instant.now());

      // Retried after a lost acknowledgement: the receiver is not called again.
      webhookActivity.postWebhook(new Delivery(request.workflowId(), Instant.now(), request));
      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void aWebhookAnswering500IsRetriedPerPolicyAndReportedFailedWhileEmailAndInAppAreSent() throws Exception {
    User user = users.register("Barbara Liskov");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      registerWebhook(user, receiver.url());
      receiver.answer(500);
      NotificationRequest request = request(user, "announcement", "New feature", "Saved searches are here.", null);

      NotificationResult result = result(notifications.send(request));

      assertThat(result.channels()).containsExactlyInAnyOrderEntriesOf(Map.of(
          NotificationChannel.EMAIL, ChannelOutcome.sent(),
          NotificationChannel.IN_APP, ChannelOutcome.sent(),
          NotificationChannel.WEBHOOK, ChannelOutcome.failed("The webhook answered HTTP 500.")));
      // The notification options' STANDARD retry policy: 3 attempts, each with the same key.
      assertThat(receiver.received()).hasSize(3)
          .extracting(call -> call.header("Idempotency-Key")).containsOnly(request.workflowId());
      assertThat(mailTo(user.email(), "New feature")).hasSize(1);
      // Retried after a lost acknowledgement: still one inbox entry.
      inAppActivity.storeInApp(new Delivery(request.workflowId(), Instant.now(), request));
      JsonNode inbox = TestHttp.json(http.get("/api/notifications", user.auth()));
      assertThat(inbox.get("items").valueStream().filter(item -> item.get("subject").asString().equals("New feature")))
          .hasSize(1);
    }
  }

  @Test
  void channelsTheUserTurnedOffAreSkippedAndNotDelivered() throws Exception {
    User user = users.register("Edsger Dijkstra");
    HttpResponse<String> saved = http.sendJson("PUT", "/api/users/me/notification-preferences",
        "{\"types\": {\"announcement\": [\"in_app\"]}}", user.auth());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

    NotificationResult result = result(notifications.send(request(user, "announcement", "Hi", "Hello.", null)));

    assertThat(result.channels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        NotificationChannel.EMAIL, ChannelOutcome.skipped("The user turned email off for announcement notifications."),
        NotificationChannel.IN_APP, ChannelOutcome.sent(),
        NotificationChannel.WEBHOOK, ChannelOutcome.skipped("The user has not registered a webhook.")));
    assertThat(mailTo(user.email(), "Hi")).isEmpty();
  }

  @Test
  void quietHoursDelayOrdinaryNotificationsButNotTransactionalOnes() throws Exception {
    User user = users.register("Frances Allen");
    Instant now = Instant.now();
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    Instant quietEnd = now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    HttpResponse<String> saved = http.sendJson("PUT", "/api/users/me/notification-preferences",
        JSON.writeValueAsString(Map.of("quietHours", Map.of("start", hhmm.format(now.minus(Duration.ofHours(1))),
                "end", hhmm.format(quietEnd), "timeZone", "UTC"))), user.auth());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

    String ordinary = notifications.send(request(user, "announcement", "Later", "Not now.", null));
    NotificationWorkflow waiting = workflowClient.newWorkflowStub(NotificationWorkflow.class, ordinary);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(waiting.getStatus().channels()).containsEntry(
            NotificationChannel.EMAIL, new ChannelOutcome("delayed", "quiet hours until " + quietEnd)));

    String verificationUrl = "http://localhost:8080/api/auth/verify-email?token=" + UUID.randomUUID();
    NotificationRequest welcome = new NotificationRequest(user.id(), NotificationTypes.WELCOME, null, null,
        Map.of("name", user.name(), "verificationUrl", verificationUrl, "expiresAt", "2030-01-01T00:00:00Z"),
        Set.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), false, "welcome-" + UUID.randomUUID());
    NotificationResult result = result(notifications.send(welcome));

    assertThat(result.channels().values()).containsOnly(ChannelOutcome.sent());
    // Onboarding may welcome the user too: this test's mail is the one with its link.
    List<MimeMessage> welcomes = new ArrayList<>();
    for (MimeMessage mail : mailTo(user.email(), "Welcome to Partner Platform, Frances Allen")) {
      if (part(mail, "text/plain").contains(verificationUrl)) {
        welcomes.add(mail);
      }
    }
    MimeMessage mail = single(welcomes);
    assertThat(part(mail, "text/plain")).contains("valid until 2030-01-01T00:00:00Z");
    assertThat(part(mail, "text/html")).contains("href=\"" + verificationUrl + "\"");
    workflowClient.newUntypedWorkflowStub(ordinary).terminate("test over");
  }

  private NotificationResult result(String workflowId) throws Exception {
    return workflowClient.newUntypedWorkflowStub(workflowId).getResult(60, TimeUnit.SECONDS, NotificationResult.class);
  }

  private String registerWebhook(User user, String url) {
    HttpResponse<String> response = http.sendJson("PUT", "/api/users/me/webhook",
        JSON.writeValueAsString(Map.of("url", url)), user.auth());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestHttp.json(response).get("secret").asString();
  }

  private static NotificationRequest request(
      User user, String type, String subject, String message, Set<NotificationChannel> channels) {
    return new NotificationRequest(user.id(), type, subject, message, Map.of(), channels, false,
        UUID.randomUUID().toString());
  }

  /** Mail to the address with the subject (other mail, such as onboarding's, may reach the user too). */
  private static List<MimeMessage> mailTo(String address, String subject) throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage mail : SMTP.getReceivedMessages()) {
      if (subject.equals(mail.getSubject())
          && Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equals(address))) {
        mails.add(mail);
      }
    }
    return mails;
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  /** The content of the first part of the given type. */
  private static String part(Part part, String mimeType) throws Exception {
    if (part.isMimeType(mimeType)) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String content = part(multipart.getBodyPart(i), mimeType);
        if (content != null) {
          return content;
        }
      }
    }
    return null;
  }

  /** Computed here, independently of the application's code, as a receiver would. */
  private static String hmacSha256Hex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
