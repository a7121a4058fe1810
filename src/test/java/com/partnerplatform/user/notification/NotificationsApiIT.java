package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.notification.ApiUsers.User;
import com.partnerplatform.user.notification.WebhookReceiver.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The notifications API over HTTP, as clients see it, with the embedded SMTP server's mailbox. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + NotificationsApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + NotificationsApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class NotificationsApiIT {

  static final String ADMIN_EMAIL = "notifications-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-notification-its";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  private TestHttp http;
  private ApiUsers users;
  private String[] admin;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
    users = new ApiUsers(http);
    admin = new String[] {"Authorization", "Bearer " + users.login(ADMIN_EMAIL, ADMIN_PASSWORD)};
  }

  @Test
  void anAdminNotificationReachesMailboxInboxStreamAndWebhookOnceEvenWhenRepeated() throws Exception {
    User user = users.register("Ada Lovelace");
    User other = users.register("Charles Babbage");
    try (WebhookReceiver receiver = new WebhookReceiver(); EventStream stream = new EventStream(user)) {
      String secret = TestHttp.json(ok(http.sendJson("PUT", "/api/users/me/webhook",
          JSON.writeValueAsString(Map.of("url", receiver.url())), user.auth()))).get("secret").asString();
      ok(http.sendJson("PUT", "/api/users/me/notification-preferences",
          "{\"types\": {\"announcement\": [\"email\", \"in_app\", \"webhook\"]}}", user.auth()));
      String subject = "Open house on Saturday " + UUID.randomUUID();
      String send = JSON.writeValueAsString(Map.of("userIds", List.of(user.id()), "type", "announcement",
          "subject", subject, "message", "Come by at <b>10</b>.", "dedupKey", "open-house-" + UUID.randomUUID()));

      HttpResponse<String> accepted = http.sendJson("POST", "/api/notifications", send, admin);

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String workflowId = TestHttp.json(accepted).get("workflowIds").get(0).asString();
      assertThat(workflowId).startsWith("notification-" + user.id() + "-open-house-");

      JsonNode streamed = stream.nextNotification(subject);
      assertThat(streamed.get("body").asString()).contains("Come by at <b>10</b>.");
      long notificationId = streamed.get("id").asLong();

      JsonNode mail = await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(user, subject), mails -> !mails.isEmpty()).get(0);
      assertThat(mail.get("text").asString()).contains("Hello Ada Lovelace,").contains("Come by at <b>10</b>.");

      Received call = await().atMost(Duration.ofSeconds(30)).until(receiver::received, calls -> !calls.isEmpty()).get(0);
      assertThat(call.header("X-Partner-Platform-Signature")).isEqualTo("sha256=" + hmacSha256Hex(secret, call.body()));
      assertThat(call.header("Idempotency-Key")).isEqualTo(workflowId);

      JsonNode workflow = await().atMost(Duration.ofSeconds(30)).until(
          () -> TestHttp.json(ok(http.get("/api/workflows/" + workflowId, admin))),
          described -> described.get("status").asString().equals("Completed"));
      JsonNode status = TestHttp.json(ok(http.sendJson("POST",
          "/api/workflows/" + workflowId + "/queries/getStatus", "[]", admin)));
      for (String channel : List.of("email", "in_app", "webhook")) {
        assertThat(status.get("channels").get(channel).get("status").asString()).as(channel).isEqualTo("sent");
      }

      assertThat(inbox(user, subject, true)).singleElement().satisfies(item -> {
        assertThat(item.get("id").asLong()).isEqualTo(notificationId);
        assertThat(item.get("type").asString()).isEqualTo("announcement");
        assertThat(item.get("readAt").isNull()).isTrue();
      });

      HttpResponse<String> notTheirs = http.sendJson("POST", "/api/notifications/" + notificationId + "/read", "", other.auth());
      assertThat(notTheirs.statusCode()).isEqualTo(404);
      assertThat(TestHttp.json(notTheirs).get("code").asString()).isEqualTo("NOTIFICATION_NOT_FOUND");
      JsonNode read = TestHttp.json(ok(http.sendJson("POST", "/api/notifications/" + notificationId + "/read", "", user.auth())));
      assertThat(read.get("readAt").isNull()).isFalse();
      assertThat(inbox(user, subject, true)).isEmpty();
      assertThat(inbox(user, subject, false)).singleElement()
          .satisfies(item -> assertThat(item.get("readAt").asString()).isEqualTo(read.get("readAt").asString()));

      // The same notification again: the same workflow, nothing delivered twice.
      HttpResponse<String> repeated = http.sendJson("POST", "/api/notifications", send, admin);
      assertThat(repeated.statusCode()).isEqualTo(202);
      assertThat(TestHttp.json(repeated).get("workflowIds").get(0).asString()).isEqualTo(workflowId);
      assertThat(TestHttp.json(ok(http.get("/api/workflows/" + workflowId, admin))).get("runId").asString())
          .isEqualTo(workflow.get("runId").asString());
      assertThat(mailTo(user, subject)).hasSize(1);
      assertThat(receiver.received()).hasSize(1);
      assertThat(inbox(user, subject, false)).hasSize(1);
    }
  }

  @Test
  void inboxRowsWrittenByAnotherProcessReachTheStream() throws Exception {
    User user = users.register("Margaret Hamilton");
    try (EventStream stream = new EventStream(user)) {
      String subject = "Written elsewhere " + UUID.randomUUID();
      // What a worker in another process does: nothing in this process is told about the row.
      jdbc.sql("insert into notification_inbox (delivery_key, user_id, type, subject, body, created_at)"
              + " values (:key, :userId, 'announcement', :subject, 'From another process.', :now)")
          .param("key", "elsewhere-" + UUID.randomUUID())
          .param("userId", user.id())
          .param("subject", subject)
          .param("now", OffsetDateTime.now(ZoneOffset.UTC))
          .update();

      assertThat(stream.nextNotification(subject).get("body").asString()).isEqualTo("From another process.");
    }
  }

  @Test
  void preferencesRoundTripAndBadInputChangesNothing() {
    User user = users.register("Hedy Lamarr");
    JsonNode initial = TestHttp.json(ok(http.get("/api/users/me/notification-preferences", user.auth())));
    assertThat(initial.get("types").isEmpty()).isTrue();
    assertThat(initial.get("quietHours").isNull()).isTrue();
    assertThat(initial.get("webhookUrl").isNull()).isTrue();

    String preferences = """
        {"types": {"announcement": ["in_app", "email"], "order_update": []},
         "quietHours": {"start": "22:00", "end": "07:00", "timeZone": "Europe/Berlin"}}""";
    JsonNode saved = TestHttp.json(ok(http.sendJson("PUT", "/api/users/me/notification-preferences", preferences, user.auth())));
    JsonNode expected = JSON.readTree("""
        {"types": {"announcement": ["email", "in_app"], "order_update": []},
         "quietHours": {"start": "22:00", "end": "07:00", "timeZone": "Europe/Berlin"}, "webhookUrl": null}""");
    assertThat(saved).isEqualTo(expected);
    assertThat(TestHttp.json(ok(http.get("/api/users/me/notification-preferences", user.auth())))).isEqualTo(expected);

    refused(user, "{\"types\": {\"announcement\": [\"sms\"]}}", "VALIDATION_FAILED");
    refused(user, "{\"types\": {\"Bad Type\": [\"email\"]}}", "VALIDATION_FAILED");
    refused(user, "{\"quietHours\": {\"start\": \"22:00\", \"end\": \"07:00\", \"timeZone\": \"Mars/Olympus\"}}",
        "INVALID_QUIET_HOURS");
    refused(user, "{\"quietHours\": {\"start\": \"25:00\", \"end\": \"07:00\", \"timeZone\": \"UTC\"}}",
        "VALIDATION_FAILED");
    refused(user, "{\"quietHours\": {\"start\": \"07:00\", \"end\": \"07:00\", \"timeZone\": \"UTC\"}}",
        "INVALID_QUIET_HOURS");
    refused(user, "{\"types\": {\"welcome\": []}}", "TRANSACTIONAL_TYPE");
    assertThat(TestHttp.json(ok(http.get("/api/users/me/notification-preferences", user.auth())))).isEqualTo(expected);
  }

  @Test
  void aWebhookSecretIsShownOnceAndTheWebhookCanBeReplacedAndRemoved() {
    User user = users.register("Radia Perlman");
    for (String bad : List.of("ftp://example.com/hook", "not a url", "https:///no-host", "https://user:pw@example.com/")) {
      HttpResponse<String> refused = http.sendJson("PUT", "/api/users/me/webhook",
          JSON.writeValueAsString(Map.of("url", bad)), user.auth());
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(TestHttp.json(refused).get("code").asString()).isEqualTo("INVALID_WEBHOOK_URL");
    }

    JsonNode first = TestHttp.json(ok(http.sendJson("PUT", "/api/users/me/webhook",
        "{\"url\": \"https://example.com/hooks/one\"}", user.auth())));
    assertThat(first.get("url").asString()).isEqualTo("https://example.com/hooks/one");
    String secret = first.get("secret").asString();
    assertThat(secret).matches("[0-9a-f]{64}");
    HttpResponse<String> preferences = ok(http.get("/api/users/me/notification-preferences", user.auth()));
    assertThat(TestHttp.json(preferences).get("webhookUrl").asString()).isEqualTo("https://example.com/hooks/one");
    assertThat(preferences.body()).doesNotContain(secret);

    JsonNode second = TestHttp.json(ok(http.sendJson("PUT", "/api/users/me/webhook",
        "{\"url\": \"https://example.com/hooks/two\"}", user.auth())));
    assertThat(second.get("secret").asString()).isNotEqualTo(secret);

    assertThat(http.sendJson("DELETE", "/api/users/me/webhook", "", user.auth()).statusCode()).isEqualTo(204);
    assertThat(TestHttp.json(ok(http.get("/api/users/me/notification-preferences", user.auth()))).get("webhookUrl")
        .isNull()).isTrue();
  }

  @Test
  void onlyAdminsSendAndARequestNamingAnUnknownUserStartsNothing() {
    User user = users.register("John Backus");
    String dedupKey = "refused-" + UUID.randomUUID();
    UUID unknown = UUID.randomUUID();
    String send = JSON.writeValueAsString(Map.of("userIds", List.of(user.id(), unknown), "type", "announcement",
        "subject", "Hello", "message", "Hello.", "dedupKey", dedupKey));

    assertThat(http.sendJson("POST", "/api/notifications", send, user.auth()).statusCode()).isEqualTo(403);
    HttpResponse<String> refused = http.sendJson("POST", "/api/notifications", send, admin);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = TestHttp.json(refused);
    assertThat(problem.get("code").asString()).isEqualTo("UNKNOWN_USERS");
    assertThat(problem.get("unknownUserIds").get(0).asString()).isEqualTo(unknown.toString());
    assertThat(problem.get("unknownUserIds").size()).isEqualTo(1);
    assertThat(http.get("/api/workflows/notification-" + user.id() + "-" + dedupKey, admin).statusCode())
        .isEqualTo(404);

    String badChannel = JSON.writeValueAsString(Map.of("userIds", List.of(user.id()), "type", "announcement",
        "subject", "Hello", "message", "Hello.", "channels", List.of("sms")));
    assertThat(TestHttp.json(http.sendJson("POST", "/api/notifications", badChannel, admin)).get("code").asString())
        .isEqualTo("VALIDATION_FAILED");
    String reserved = JSON.writeValueAsString(Map.of("userIds", List.of(user.id()), "type", "welcome",
        "subject", "Hello", "message", "Hello."));
    assertThat(TestHttp.json(http.sendJson("POST", "/api/notifications", reserved, admin)).get("code").asString())
        .isEqualTo("RESERVED_NOTIFICATION_TYPE");

    // Without a dedup key every request is a notification of its own.
    String subject = "Twice " + UUID.randomUUID();
    String plain = JSON.writeValueAsString(Map.of("userIds", List.of(user.id()), "type", "announcement",
        "subject", subject, "message", "Hello.", "channels", List.of("in_app")));
    String first = TestHttp.json(http.sendJson("POST", "/api/notifications", plain, admin)).get("workflowIds").get(0).asString();
    String second = TestHttp.json(http.sendJson("POST", "/api/notifications", plain, admin)).get("workflowIds").get(0).asString();
    assertThat(first).isNotEqualTo(second);
    await().atMost(Duration.ofSeconds(30)).until(() -> inbox(user, subject, false).size() == 2);
  }

  private void refused(User user, String body, String code) {
    HttpResponse<String> response = http.sendJson("PUT", "/api/users/me/notification-preferences", body, user.auth());
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    assertThat(TestHttp.json(response).get("code").asString()).as(body).isEqualTo(code);
  }

  /** The user's inbox items with the subject (other notifications, such as onboarding's, may be there too). */
  private List<JsonNode> inbox(User user, String subject, boolean unreadOnly) {
    JsonNode page = TestHttp.json(ok(http.get("/api/notifications?size=100&unreadOnly=" + unreadOnly, user.auth())));
    return page.get("items").valueStream().filter(item -> item.get("subject").asString().equals(subject)).toList();
  }

  private List<JsonNode> mailTo(User user, String subject) {
    List<JsonNode> mails = new ArrayList<>();
    TestHttp.json(ok(http.get("/api/dev/mailbox", admin))).forEach(mail -> {
      boolean toUser = false;
      for (JsonNode to : mail.get("to")) {
        toUser |= to.asString().equals(user.email());
      }
      if (toUser && subject.equals(mail.get("subject").asString())) {
        mails.add(mail);
      }
    });
    return mails;
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response;
  }

  private static String hmacSha256Hex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  /** The user's Server-Sent Events stream, read line by line on the HTTP client's threads. */
  private final class EventStream implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Stream<String> body;

    EventStream(User user) throws Exception {
      HttpResponse<Stream<String>> response = client.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
              .header("Authorization", "Bearer " + user.accessToken())
              .header("Accept", "text/event-stream")
              .build(),
          HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/event-stream"));
      body = response.body();
      Thread reader = new Thread(() -> body.forEach(lines::add), "sse-reader");
      reader.setDaemon(true);
      reader.start();
      // Subscribed once the server's greeting arrived: notifications from now on are streamed.
      assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(":connected");
    }

    /** The data of the next notification event with this subject. */
    JsonNode nextNotification(String subject) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String event = null;
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        if (line.startsWith("event:")) {
          event = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:") && "notification".equals(event)) {
          JsonNode data = JSON.readTree(line.substring("data:".length()));
          if (data.get("subject").asString().equals(subject)) {
            return data;
          }
        } else if (line.isEmpty()) {
          event = null;
        }
      }
      throw new AssertionError("No notification event with subject '" + subject + "' within 30 s");
    }

    @Override
    public void close() {
      body.close();
    }
  }
}
