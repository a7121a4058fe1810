package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationResult;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plans and subscriptions over HTTP, with the sandbox gateway and the subscription workflow. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + SubscriptionApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + SubscriptionApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class SubscriptionApiIT {

  static final String ADMIN_EMAIL = "subscription-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-subscription-its";
  private static final String PASSWORD = "correct horse battery";
  private static final String GOOD_CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  WorkflowClient client;

  @Autowired
  SubscriptionStore subscriptions;

  private TestHttp http;
  private String admin;
  private String subscriber;

  @BeforeEach
  void logIn() {
    http = new TestHttp(port);
    admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
    subscriber = newUser();
  }

  @Test
  void subscribingChargesTheFirstPeriodAtOnceIntoTheLedgerAndSendsTheReceipt() {
    String plan = plan("12.50", "monthly");
    String key = "subscribe-" + UUID.randomUUID();

    HttpResponse<String> created = subscribe(plan, GOOD_CARD, "Idempotency-Key", key);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = TestHttp.json(created);
    String id = body.get("id").asString();
    assertThat(body.get("workflowId").asString()).isEqualTo("subscription-" + id);
    assertThat(body.get("status").asString()).isEqualTo("active");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/subscriptions/" + id);

    JsonNode paid = awaitSubscription(id, details -> details.get("periodsPaid").asInt() == 1);
    assertThat(paid.get("status").asString()).isEqualTo("active");
    assertThat(paid.at("/plan/id").asString()).isEqualTo(plan);
    assertThat(paid.at("/plan/period").asString()).isEqualTo("monthly");
    assertThat(paid.get("paymentMethodType").asString()).isEqualTo("card");
    assertThat(paid.get("failedAttempts").asInt()).isZero();
    Instant paidThrough = Instant.parse(paid.get("paidThrough").asString());
    assertThat(paid.get("nextChargeAt").asString()).isEqualTo(paid.get("paidThrough").asString());
    Instant createdAt = Instant.parse(paid.get("createdAt").asString());
    assertThat(paidThrough).isBetween(createdAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(),
        createdAt.atZone(ZoneOffset.UTC).plusMonths(1).plusMinutes(1).toInstant());
    assertThat(payments(paid)).singleElement().satisfies(payment -> {
      assertThat(payment.get("idempotencyKey").asString()).isEqualTo("subscription-" + id + "-period-1-attempt-1");
      assertThat(payment.get("transactionId").asString()).startsWith("sandbox_ch_");
      assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("12.50");
      assertThat(payment.get("currency").asString()).isEqualTo("USD");
    });
    assertThat(awaitNotification(paid, "period-1-receipt").channels()).containsKey(NotificationChannel.EMAIL);
    awaitSaved(id, row -> row.periodsPaid() == 1);

    HttpResponse<String> repeated = subscribe(plan, GOOD_CARD, "Idempotency-Key", key);
    assertThat(repeated.statusCode()).isEqualTo(201);
    assertThat(TestHttp.json(repeated).get("id").asString()).isEqualTo(id);
    assertThat(payments(subscription(id, subscriber))).hasSize(1);
    // No workflow outlives the test on a persistent server.
    assertThat(ok(post("/api/subscriptions/" + id + "/cancel", null)).get("status").asString())
        .isEqualTo("cancelled");
  }

  @Test
  void pauseResumePlanChangeAndCancellingAtPeriodEndThenNow() {
    String monthly = plan("10.00", "monthly");
    String yearly = plan("100.00", "yearly");
    String id = subscribed(monthly);
    awaitSubscription(id, details -> details.get("periodsPaid").asInt() == 1);

    HttpResponse<String> paused = post("/api/subscriptions/" + id + "/pause", null);
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    assertThat(TestHttp.json(paused).get("status").asString()).isEqualTo("paused");
    assertThat(TestHttp.json(paused).get("nextChargeAt").isNull()).isTrue();
    assertThat(conflict(post("/api/subscriptions/" + id + "/pause", null))).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    awaitSaved(id, row -> row.status() == SubscriptionStatus.PAUSED);

    JsonNode resumed = ok(post("/api/subscriptions/" + id + "/resume", null));
    assertThat(resumed.get("status").asString()).isEqualTo("active");
    assertThat(resumed.get("nextChargeAt").asString()).isEqualTo(resumed.get("paidThrough").asString());
    assertThat(conflict(post("/api/subscriptions/" + id + "/resume", null))).isEqualTo("SUBSCRIPTION_NOT_PAUSED");

    JsonNode changed = ok(http.sendJson("PUT", "/api/subscriptions/" + id + "/plan",
        body(Map.of("planId", yearly)), auth(subscriber)));
    assertThat(changed.at("/plan/id").asString()).isEqualTo(monthly);
    assertThat(changed.at("/nextPlan/id").asString()).isEqualTo(yearly);
    assertThat(changed.at("/nextPlan/period").asString()).isEqualTo("yearly");
    HttpResponse<String> unknownPlan = http.sendJson("PUT", "/api/subscriptions/" + id + "/plan",
        body(Map.of("planId", "no-such-plan-" + UUID.randomUUID())), auth(subscriber));
    assertThat(unknownPlan.statusCode()).isEqualTo(400);
    assertThat(code(unknownPlan)).isEqualTo("UNKNOWN_PLAN");
    awaitSaved(id, row -> yearly.equals(row.nextPlanId()));

    JsonNode ending = ok(post("/api/subscriptions/" + id + "/cancel", Map.of("atPeriodEnd", true)));
    assertThat(ending.get("status").asString()).isEqualTo("active");
    assertThat(ending.get("cancelAtPeriodEnd").asBoolean()).isTrue();
    assertThat(ending.get("nextChargeAt").isNull()).isTrue();
    assertThat(ending.get("nextPlan").isNull()).isTrue();
    assertThat(conflict(post("/api/subscriptions/" + id + "/pause", null))).isEqualTo("SUBSCRIPTION_CANCEL_PENDING");

    JsonNode cancelled = ok(post("/api/subscriptions/" + id + "/cancel", Map.of("atPeriodEnd", false)));
    assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
    Subscription row = awaitSaved(id, saved -> saved.status() == SubscriptionStatus.CANCELLED);
    assertThat(row.endedAt()).isNotNull();
    // Ended: read from the table, with the payments from the ledger.
    JsonNode afterwards = subscription(id, subscriber);
    assertThat(afterwards.get("status").asString()).isEqualTo("cancelled");
    assertThat(payments(afterwards)).singleElement().satisfies(payment -> assertThat(
        payment.get("idempotencyKey").asString()).isEqualTo("subscription-" + id + "-period-1-attempt-1"));
    assertThat(conflict(post("/api/subscriptions/" + id + "/resume", null))).isEqualTo("SUBSCRIPTION_ENDED");
    assertThat(conflict(post("/api/subscriptions/" + id + "/cancel", null))).isEqualTo("SUBSCRIPTION_ENDED");
  }

  @Test
  void aDeclinedCardMakesTheSubscriptionPastDueWithARetryTheNextDay() {
    String id = TestHttp.json(subscribe(plan("5.00", "weekly"), DECLINED_CARD)).get("id").asString();

    JsonNode pastDue = awaitSubscription(id, details -> details.get("status").asString().equals("past_due"));

    assertThat(pastDue.get("failedAttempts").asInt()).isEqualTo(1);
    assertThat(pastDue.get("periodsPaid").asInt()).isZero();
    assertThat(pastDue.get("lastFailure").asString()).startsWith("PAYMENT_FAILED").contains("card_declined");
    Instant createdAt = Instant.parse(pastDue.get("createdAt").asString());
    assertThat(Instant.parse(pastDue.get("nextChargeAt").asString()))
        .isBetween(createdAt.plus(Duration.ofDays(1)), createdAt.plus(Duration.ofDays(1)).plusSeconds(60));
    assertThat(payments(pastDue)).isEmpty();
    assertThat(awaitNotification(pastDue, "period-1-attempt-1-failed").channels())
        .containsKey(NotificationChannel.EMAIL);
    assertThat(conflict(post("/api/subscriptions/" + id + "/cancel", Map.of("atPeriodEnd", true))))
        .isEqualTo("SUBSCRIPTION_NOT_ACTIVE");
    assertThat(conflict(post("/api/subscriptions/" + id + "/pause", null))).isEqualTo("SUBSCRIPTION_NOT_ACTIVE");

    assertThat(ok(post("/api/subscriptions/" + id + "/cancel", null)).get("status").asString())
        .isEqualTo("cancelled");
  }

  @Test
  void subscriptionsBelongToTheirSubscriberAndAdmins() {
    String id = subscribed(plan("3.00", "monthly"));
    String stranger = newUser();

    HttpResponse<String> strangerReads = http.get("/api/subscriptions/" + id, auth(stranger));
    assertThat(strangerReads.statusCode()).isEqualTo(404);
    assertThat(code(strangerReads)).isEqualTo("SUBSCRIPTION_NOT_FOUND");
    assertThat(http.sendJson("POST", "/api/subscriptions/" + id + "/pause", "", auth(stranger)).statusCode())
        .isEqualTo(404);
    assertThat(http.sendJson("POST", "/api/subscriptions/" + id + "/cancel", "", auth(stranger)).statusCode())
        .isEqualTo(404);
    assertThat(http.get("/api/subscriptions/" + UUID.randomUUID(), auth(subscriber)).statusCode()).isEqualTo(404);
    assertThat(subscription(id, admin).get("id").asString()).isEqualTo(id);
    assertThat(http.sendJson("POST", "/api/subscriptions/" + id + "/cancel", "", auth(admin)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void plansAreCreatedByAdminsAndListedForEveryone() {
    String id = "plan-" + UUID.randomUUID();
    Map<String, Object> plan = Map.of("id", id, "name", "Gold", "amount", "19.99", "currency", "EUR",
        "period", "yearly");

    assertThat(http.sendJson("POST", "/api/plans", body(plan), auth(subscriber)).statusCode()).isEqualTo(403);
    HttpResponse<String> created = http.sendJson("POST", "/api/plans", body(plan), auth(admin));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/plans/" + id);
    JsonNode gold = TestHttp.json(created);
    assertThat(gold.get("amount").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(gold.get("period").asString()).isEqualTo("yearly");
    assertThat(http.sendJson("POST", "/api/plans", body(plan), auth(admin)).statusCode()).isEqualTo(409);
    assertThat(listedPlanIds()).contains(id);
    assertThat(TestHttp.json(http.get("/api/plans/" + id, auth(subscriber))).get("name").asString())
        .isEqualTo("Gold");
  }

  @Test
  void badRequestsAreRefusedWithTheirCodeAndChangeNothing() {
    String plan = plan("2.00", "weekly");
    HttpResponse<String> badPlan = http.sendJson("POST", "/api/plans", body(Map.of("id", "has space", "name", "",
        "amount", "0", "currency", "usd", "period", "daily")), auth(admin));
    String yenPlan = "yen-" + UUID.randomUUID();
    HttpResponse<String> yen = http.sendJson("POST", "/api/plans", body(Map.of("id", yenPlan, "name", "Yen",
        "amount", "100", "currency", "JPY", "period", "monthly")), auth(admin));
    HttpResponse<String> unknownPlan = subscribe("no-such-plan-" + UUID.randomUUID(), GOOD_CARD);
    HttpResponse<String> cash = post("/api/subscriptions", Map.of("planId", plan,
        "paymentMethod", Map.of("type", "cash", "token", "x")));
    HttpResponse<String> noMethod = post("/api/subscriptions", Map.of("planId", plan));

    assertThat(badPlan.statusCode()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    TestHttp.json(badPlan).get("errors").forEach(error -> fields.add(error.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("id", "name", "amount", "currency", "period");
    assertThat(code(yen)).isEqualTo("UNSUPPORTED_CURRENCY");
    assertThat(code(unknownPlan)).isEqualTo("UNKNOWN_PLAN");
    assertThat(code(cash)).isEqualTo("UNSUPPORTED_PAYMENT_METHOD");
    assertThat(code(noMethod)).isEqualTo("VALIDATION_FAILED");
    assertThat(code(http.get("/api/plans/" + yenPlan, auth(admin)))).isEqualTo("PLAN_NOT_FOUND");
  }

  @Test
  void everyEndpointIsDocumentedWithTheBearerScheme() {
    JsonNode paths = TestHttp.json(http.get("/v3/api-docs")).get("paths");

    for (String operation : List.of("/api/plans post", "/api/plans get", "/api/plans/{id} get",
        "/api/subscriptions post", "/api/subscriptions/{id} get", "/api/subscriptions/{id}/cancel post",
        "/api/subscriptions/{id}/pause post", "/api/subscriptions/{id}/resume post",
        "/api/subscriptions/{id}/plan put")) {
      String[] parts = operation.split(" ");
      JsonNode documented = paths.get(parts[0]).get(parts[1]);
      assertThat(documented.get("summary").asString()).as(operation).isNotBlank();
      assertThat(documented.at("/security/0/bearer").isArray()).as(operation).isTrue();
    }
  }

  // --- helpers

  /** A new plan in USD. */
  private String plan(String amount, String period) {
    String id = "plan-" + UUID.randomUUID();
    HttpResponse<String> created = http.sendJson("POST", "/api/plans", body(Map.of("id", id, "name", "Plan " + id,
        "amount", amount, "currency", "USD", "period", period)), auth(admin));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return id;
  }

  private List<String> listedPlanIds() {
    List<String> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode listed = TestHttp.json(http.get("/api/plans?size=100&page=" + page, auth(subscriber)));
      listed.get("items").forEach(item -> ids.add(item.get("id").asString()));
      if ((long) (page + 1) * 100 >= listed.get("total").asLong()) {
        return ids;
      }
    }
  }

  private HttpResponse<String> subscribe(String planId, String card, String... headers) {
    return http.sendJson("POST", "/api/subscriptions", body(Map.of("planId", planId,
        "paymentMethod", Map.of("type", "card", "token", card))), auth(subscriber, headers));
  }

  private String subscribed(String planId) {
    HttpResponse<String> created = subscribe(planId, GOOD_CARD);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return TestHttp.json(created).get("id").asString();
  }

  private JsonNode subscription(String id, String token) {
    return ok(http.get("/api/subscriptions/" + id, auth(token)));
  }

  /** Polls the subscription until its details match. */
  private JsonNode awaitSubscription(String id, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    JsonNode details = subscription(id, subscriber);
    while (!condition.test(details) && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(100));
      details = subscription(id, subscriber);
    }
    assertThat(condition).as("subscription %s: %s", id, details).accepts(details);
    return details;
  }

  /** Polls the subscriptions table, which the workflow keeps up to date, until the row matches. */
  private Subscription awaitSaved(String id, Predicate<Subscription> condition) {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    Subscription row = subscriptions.find(UUID.fromString(id)).orElseThrow();
    while (!condition.test(row) && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(100));
      row = subscriptions.find(UUID.fromString(id)).orElseThrow();
    }
    assertThat(condition).as("row of subscription %s: %s", id, row).accepts(row);
    return row;
  }

  /** Waits for the subscriber's notification (a child of the subscription's workflow) to complete. */
  private NotificationResult awaitNotification(JsonNode subscription, String dedupSuffix) {
    String workflowId = "notification-" + subscription.get("userId").asString() + "-subscription-"
        + subscription.get("id").asString() + "-" + dedupSuffix;
    return ChildNotifications.awaitResult(client, workflowId, SETTLE_TIMEOUT);
  }

  private static List<JsonNode> payments(JsonNode subscription) {
    List<JsonNode> payments = new ArrayList<>();
    subscription.get("lastPayments").forEach(payments::add);
    return payments;
  }

  private HttpResponse<String> post(String path, Object body) {
    return http.sendJson("POST", path, body == null ? "" : body(body), auth(subscriber));
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestHttp.json(response);
  }

  private static String conflict(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    return code(response);
  }

  private static String code(HttpResponse<String> response) {
    return TestHttp.json(response).get("code").asString();
  }

  private static String body(Object value) {
    return JSON.writeValueAsString(value);
  }

  private static String[] auth(String token, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + token;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return all;
  }

  private String newUser() {
    String email = "subscription-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> registered = http.sendJson("POST", "/api/auth/register",
        body(Map.of("email", email, "password", PASSWORD, "name", "Subscriber")));
    assertThat(registered.statusCode()).isEqualTo(201);
    return accessToken(email, PASSWORD);
  }

  private String accessToken(String email, String password) {
    HttpResponse<String> login = http.sendJson("POST", "/api/auth/login",
        body(Map.of("email", email, "password", password)));
    assertThat(login.statusCode()).as("login of %s", email).isEqualTo(200);
    return TestHttp.json(login).get("accessToken").asString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
