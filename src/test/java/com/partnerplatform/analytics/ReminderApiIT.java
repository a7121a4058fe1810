package com.partnerplatform.analytics;

import static com.partnerplatform.platform.TestHttp.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.Polling;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Reminders over HTTP: they arrive in the inbox and by e-mail at their time, a cancelled one never. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + AnalyticsApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + AnalyticsApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class ReminderApiIT {

  private static final String REMINDERS = "/api/reminders";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort
  int port;

  private TestHttp http;
  private Account admin;
  private Account user;
  private String userId;

  @BeforeEach
  void logIn() {
    http = new TestHttp(port);
    TestAccounts accounts = new TestAccounts(http, AnalyticsApiIT.ADMIN_EMAIL, AnalyticsApiIT.ADMIN_PASSWORD);
    admin = accounts.admin();
    user = accounts.create("reminded");
    userId = user.id().toString();
  }

  @Test
  void aReminderArrivesInTheInboxAndByEmailAtItsTimeAndACancelledOneNever() {
    Instant remindAt = Instant.now().plusSeconds(4);
    String message = "Call the notary " + UUID.randomUUID();
    String cancelledMessage = "Never mind " + UUID.randomUUID();

    HttpResponse<String> created = set(user, Map.of("type", "general", "message", message,
        "remindAt", remindAt.toString(), "channels", List.of("email", "in_app")));
    HttpResponse<String> toCancel = set(user, Map.of("type", "general", "message", cancelledMessage,
        "remindAt", remindAt.toString(), "channels", List.of("email", "in_app")));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode reminder = TestHttp.json(created);
    assertThat(reminder.get("status").asString()).isEqualTo("scheduled");
    assertThat(reminder.get("workflowId").asString()).isEqualTo("reminder-" + reminder.get("id").asString());
    assertThat(created.headers().firstValue("Location")).hasValue(REMINDERS + "/" + reminder.get("id").asString());
    String cancelledId = TestHttp.json(toCancel).get("id").asString();
    HttpResponse<String> cancelled = http.sendJson("DELETE", REMINDERS + "/" + cancelledId, "", user.auth());
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(TestHttp.json(cancelled).get("status").asString()).isEqualTo("cancelled");

    JsonNode inbox = await(() -> http.get("/api/notifications", user.auth()),
        page -> items(page.get("items")).anyMatch(item -> item.get("body").asString().contains(message)));
    JsonNode item = items(inbox.get("items")).filter(candidate -> candidate.get("body").asString().contains(message))
        .findFirst().orElseThrow();
    assertThat(Instant.parse(item.get("createdAt").asString())).isAfterOrEqualTo(remindAt);
    await(() -> http.get("/api/dev/mailbox", admin.auth()), mails -> items(mails).anyMatch(mail ->
        mail.get("to").toString().contains(user.email()) && mail.get("text").asString().contains(message)));
    JsonNode mine = await(() -> http.get(REMINDERS, user.auth()),
        page -> items(page.get("items")).anyMatch(candidate -> candidate.get("status").asString().equals("sent")));
    assertThat(mine.get("total").asLong()).isEqualTo(2);

    // The cancelled one was due at the same time: by now it would have arrived.
    Polling.sleep(Duration.ofSeconds(2));
    assertThat(http.get("/api/notifications", user.auth()).body()).doesNotContain(cancelledMessage);
    assertThat(http.get("/api/dev/mailbox", admin.auth()).body()).doesNotContain(cancelledMessage);
    HttpResponse<String> again = http.sendJson("DELETE", REMINDERS + "/" + cancelledId, "", user.auth());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(TestHttp.json(again).get("code").asString()).isEqualTo("REMINDER_NOT_SCHEDULED");
  }

  @Test
  void usersSetRemindersForThemselvesAndAdminsForAnyone() {
    Map<String, Object> forUser = new HashMap<>(Map.of("type", "general", "message", "For you",
        "remindAt", Instant.now().plus(Duration.ofDays(1)).toString(), "userId", userId));

    HttpResponse<String> byAdmin = set(admin, forUser);
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
    assertThat(TestHttp.json(byAdmin).get("userId").asString()).isEqualTo(userId);

    forUser.put("userId", UUID.randomUUID().toString());
    assertThat(set(user, forUser).statusCode()).isEqualTo(403);
    HttpResponse<String> othersReminder = http.sendJson("DELETE", REMINDERS + "/" + UUID.randomUUID(), "", user.auth());
    assertThat(othersReminder.statusCode()).isEqualTo(404);

    assertThat(code(set(user, Map.of("type", "general", "message", "Past", "remindAt", "2020-01-01T00:00:00Z"))))
        .isEqualTo("INVALID_REMIND_AT");
    assertThat(code(set(user, Map.of("type", "birthday", "message", "x",
        "remindAt", Instant.now().plusSeconds(60).toString())))).isEqualTo("UNKNOWN_REMINDER_TYPE");
    assertThat(code(set(user, Map.of("type", "payment", "message", "x", "remindAt",
        Instant.now().plusSeconds(60).toString(), "subscriptionId", UUID.randomUUID().toString()))))
        .isEqualTo("SUBSCRIPTION_NOT_LIVE");
    assertThat(code(set(user, Map.of("type", "general")))).isEqualTo("VALIDATION_FAILED");

    // Cancelled by the admin, since the user's list should show it as such.
    String id = TestHttp.json(byAdmin).get("id").asString();
    assertThat(http.sendJson("DELETE", REMINDERS + "/" + id, "", admin.auth()).statusCode()).isEqualTo(200);
    JsonNode mine = TestHttp.json(http.get(REMINDERS, user.auth()));
    assertThat(items(mine.get("items")).map(node -> node.get("status").asString())).containsExactly("cancelled");
  }

  private HttpResponse<String> set(Account caller, Map<String, Object> body) {
    return http.sendJson("POST", REMINDERS, toJson(body), caller.auth());
  }

  private static String code(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return TestHttp.json(response).get("code").asString();
  }

  private static Stream<JsonNode> items(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static JsonNode await(Supplier<HttpResponse<String>> call, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = TestHttp.json(response);
      if (done.test(body)) {
        return body;
      }
      assertThat(Instant.now()).as("within %s: %s", WAIT, response.body()).isBefore(deadline);
      Polling.sleep(Duration.ofMillis(500));
    }
  }
}
