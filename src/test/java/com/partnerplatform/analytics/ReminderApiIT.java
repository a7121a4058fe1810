package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.json.JsonMapper;

/** Reminders over HTTP: they arrive in the inbox and by e-mail at their time, a cancelled one never. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + AdminApi.ADMIN_EMAIL,
    "platform.security.admin-password=" + AdminApi.ADMIN_PASSWORD})
@ActiveProfiles("it")
class ReminderApiIT {

  private static final String REMINDERS = "/api/reminders";
  private static final String PASSWORD = "correct horse battery";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private AdminApi admin;
  private String email;
  private String user;
  private String userId;

  @BeforeEach
  void logIn() {
    admin = new AdminApi(port);
    email = "reminder-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> registered = admin.http.sendJson("POST", "/api/auth/register",
        JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "name", "Reminded")));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    user = admin.login(email, PASSWORD);
    userId = AdminApi.json(admin.http.get("/api/users/me", "Authorization", "Bearer " + user)).get("id").asString();
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
    JsonNode reminder = AdminApi.json(created);
    assertThat(reminder.get("status").asString()).isEqualTo("scheduled");
    assertThat(reminder.get("workflowId").asString()).isEqualTo("reminder-" + reminder.get("id").asString());
    assertThat(created.headers().firstValue("Location")).hasValue(REMINDERS + "/" + reminder.get("id").asString());
    String cancelledId = AdminApi.json(toCancel).get("id").asString();
    HttpResponse<String> cancelled = admin.http.sendJson("DELETE", REMINDERS + "/" + cancelledId, "",
        "Authorization", "Bearer " + user);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(AdminApi.json(cancelled).get("status").asString()).isEqualTo("cancelled");

    JsonNode inbox = await(() -> admin.http.get("/api/notifications", "Authorization", "Bearer " + user),
        page -> items(page.get("items")).anyMatch(item -> item.get("body").asString().contains(message)));
    JsonNode item = items(inbox.get("items")).filter(candidate -> candidate.get("body").asString().contains(message))
        .findFirst().orElseThrow();
    assertThat(Instant.parse(item.get("createdAt").asString())).isAfterOrEqualTo(remindAt);
    await(() -> admin.get("/api/dev/mailbox"), mails -> items(mails).anyMatch(mail ->
        mail.get("to").toString().contains(email) && mail.get("text").asString().contains(message)));
    JsonNode mine = await(() -> admin.http.get(REMINDERS, "Authorization", "Bearer " + user),
        page -> items(page.get("items")).anyMatch(candidate -> candidate.get("status").asString().equals("sent")));
    assertThat(mine.get("total").asLong()).isEqualTo(2);

    // The cancelled one was due at the same time: by now it would have arrived.
    ScheduleApiIT.sleep(Duration.ofSeconds(2));
    assertThat(admin.http.get("/api/notifications", "Authorization", "Bearer " + user).body())
        .doesNotContain(cancelledMessage);
    assertThat(admin.get("/api/dev/mailbox").body()).doesNotContain(cancelledMessage);
    HttpResponse<String> again = admin.http.sendJson("DELETE", REMINDERS + "/" + cancelledId, "",
        "Authorization", "Bearer " + user);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(AdminApi.json(again).get("code").asString()).isEqualTo("REMINDER_NOT_SCHEDULED");
  }

  @Test
  void usersSetRemindersForThemselvesAndAdminsForAnyone() {
    Map<String, Object> forUser = new HashMap<>(Map.of("type", "general", "message", "For you",
        "remindAt", Instant.now().plus(Duration.ofDays(1)).toString(), "userId", userId));

    HttpResponse<String> byAdmin = set(admin.token(), forUser);
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
    assertThat(AdminApi.json(byAdmin).get("userId").asString()).isEqualTo(userId);

    forUser.put("userId", UUID.randomUUID().toString());
    assertThat(set(user, forUser).statusCode()).isEqualTo(403);
    HttpResponse<String> othersReminder = admin.http.sendJson("DELETE", REMINDERS + "/" + UUID.randomUUID(), "",
        "Authorization", "Bearer " + user);
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
    String id = AdminApi.json(byAdmin).get("id").asString();
    assertThat(admin.http.sendJson("DELETE", REMINDERS + "/" + id, "", "Authorization", "Bearer " + admin.token())
        .statusCode()).isEqualTo(200);
    JsonNode mine = AdminApi.json(admin.http.get(REMINDERS, "Authorization", "Bearer " + user));
    assertThat(items(mine.get("items")).map(node -> node.get("status").asString())).containsExactly("cancelled");
  }

  private HttpResponse<String> set(String token, Map<String, Object> body) {
    return admin.http.sendJson("POST", REMINDERS, JSON.writeValueAsString(body), "Authorization", "Bearer " + token);
  }

  private static String code(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return AdminApi.json(response).get("code").asString();
  }

  private static Stream<JsonNode> items(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static JsonNode await(Supplier<HttpResponse<String>> call, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = AdminApi.json(response);
      if (done.test(body)) {
        return body;
      }
      assertThat(Instant.now()).as("within %s: %s", WAIT, response.body()).isBefore(deadline);
      ScheduleApiIT.sleep(Duration.ofMillis(500));
    }
  }
}
