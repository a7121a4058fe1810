package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentApiTesting.ADMIN_EMAIL;
import static com.partnerplatform.payment.PaymentApiTesting.ADMIN_PASSWORD;
import static com.partnerplatform.payment.PaymentApiTesting.DECLINED_CARD;
import static com.partnerplatform.payment.PaymentApiTesting.GOOD_CARD;
import static com.partnerplatform.payment.PaymentApiTesting.SETTLE_TIMEOUT;
import static com.partnerplatform.payment.PaymentApiTesting.assertDocumentedWithTheBearerScheme;
import static com.partnerplatform.payment.PaymentApiTesting.awaitNotification;
import static com.partnerplatform.platform.TestHttp.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.Polling;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.payment.gateway.PaymentGateway;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Plans and subscriptions over HTTP, with the sandbox gateway and the subscription workflow. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + ADMIN_EMAIL,
    "platform.security.admin-password=" + ADMIN_PASSWORD,
    "platform.payment.sandbox.latency-file=" + SubscriptionApiIT.LATENCY_FILE})
@ActiveProfiles("it")
class SubscriptionApiIT {

  /** While it exists, the sandbox gateway answers after the seconds it holds (this context's only). */
  static final String LATENCY_FILE = "target/it-data/subscription-it-gateway-latency";

  @LocalServerPort
  int port;

  @Autowired
  WorkflowClient client;

  @Autowired
  SubscriptionStore subscriptions;

  @Autowired
  PaymentGateway gateway;

  private TestHttp http;
  private TestAccounts accounts;
  private Account admin;
  private Account subscriber;

  @BeforeEach
  void logIn() {
    http = new TestHttp(port);
    accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin = accounts.admin();
    subscriber = accounts.create("subscriber");
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
    assertThat(awaitNotification(client, "subscription", paid, "period-1-receipt").channels())
        .containsKey(NotificationChannel.EMAIL);
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
        toJson(Map.of("planId", yearly)), subscriber.auth()));
    assertThat(changed.at("/plan/id").asString()).isEqualTo(monthly);
    assertThat(changed.at("/nextPlan/id").asString()).isEqualTo(yearly);
    assertThat(changed.at("/nextPlan/period").asString()).isEqualTo("yearly");
    HttpResponse<String> unknownPlan = http.sendJson("PUT", "/api/subscriptions/" + id + "/plan",
        toJson(Map.of("planId", "no-such-plan-" + UUID.randomUUID())), subscriber.auth());
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
  void cancellingNowWhileTheFirstChargeIsInFlightRefundsItOnceItSettledAndSendsNoReceipt() throws IOException {
    Path latency = Path.of(LATENCY_FILE);
    Files.createDirectories(latency.getParent());
    Files.writeString(latency, "2");
    JsonNode cancelled;
    String id;
    try {
      id = subscribed(plan("12.50", "monthly"));
      awaitChargeScheduled("subscription-" + id);

      cancelled = ok(post("/api/subscriptions/" + id + "/cancel", null));
    } finally {
      Files.deleteIfExists(latency);
    }

    String chargeKey = "subscription-" + id + "-period-1-attempt-1";
    assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
    assertThat(cancelled.get("periodsPaid").asInt()).isZero();
    assertThat(cancelled.at("/refund/idempotencyKey").asString()).isEqualTo("refund-" + chargeKey);
    assertThat(cancelled.at("/refund/amount").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(cancelled.at("/refund/transactionId").asString()).startsWith("sandbox_re");
    assertThat(payments(cancelled)).singleElement().satisfies(payment ->
        assertThat(payment.get("idempotencyKey").asString()).isEqualTo(chargeKey));
    // The gateway's own book: what the charge took went back.
    assertThat(gateway.findCharge(new PaymentGateway.ChargeLookup(chargeKey, GOOD_CARD,
        Instant.parse(cancelled.get("createdAt").asString()).minusSeconds(60)))).hasValueSatisfying(booked ->
        assertThat(booked.refunded()).isEqualByComparingTo(booked.amount()));
    assertThat(awaitNotification(client, "subscription", cancelled, "cancelled").channels())
        .containsKey(NotificationChannel.EMAIL);
    awaitSaved(id, row -> row.status() == SubscriptionStatus.CANCELLED);
    assertThat(childWorkflowIds("subscription-" + id)).noneMatch(child -> child.endsWith("-receipt"));
    JsonNode afterwards = subscription(id, subscriber);
    assertThat(afterwards.at("/refund/transactionId").asString())
        .isEqualTo(cancelled.at("/refund/transactionId").asString());
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
    assertThat(awaitNotification(client, "subscription", pastDue, "period-1-attempt-1-failed").channels())
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
    Account stranger = accounts.create("stranger");

    HttpResponse<String> strangerReads = http.get("/api/subscriptions/" + id, stranger.auth());
    assertThat(strangerReads.statusCode()).isEqualTo(404);
    assertThat(code(strangerReads)).isEqualTo("SUBSCRIPTION_NOT_FOUND");
    assertThat(http.sendJson("POST", "/api/subscriptions/" + id + "/pause", "", stranger.auth()).statusCode())
        .isEqualTo(404);
    assertThat(http.sendJson("POST", "/api/subscriptions/" + id + "/cancel", "", stranger.auth()).statusCode())
        .isEqualTo(404);
    assertThat(http.get("/api/subscriptions/" + UUID.randomUUID(), subscriber.auth()).statusCode()).isEqualTo(404);
    assertThat(subscription(id, admin).get("id").asString()).isEqualTo(id);
    assertThat(http.sendJson("POST", "/api/subscriptions/" + id + "/cancel", "", admin.auth()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void plansAreCreatedByAdminsAndListedForEveryone() {
    String id = "plan-" + UUID.randomUUID();
    Map<String, Object> plan = Map.of("id", id, "name", "Gold", "amount", "19.99", "currency", "EUR",
        "period", "yearly");

    assertThat(http.sendJson("POST", "/api/plans", toJson(plan), subscriber.auth()).statusCode()).isEqualTo(403);
    HttpResponse<String> created = http.sendJson("POST", "/api/plans", toJson(plan), admin.auth());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/plans/" + id);
    JsonNode gold = TestHttp.json(created);
    assertThat(gold.get("amount").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(gold.get("period").asString()).isEqualTo("yearly");
    assertThat(http.sendJson("POST", "/api/plans", toJson(plan), admin.auth()).statusCode()).isEqualTo(409);
    assertThat(listedPlanIds()).contains(id);
    assertThat(TestHttp.json(http.get("/api/plans/" + id, subscriber.auth())).get("name").asString())
        .isEqualTo("Gold");
  }

  @Test
  void badRequestsAreRefusedWithTheirCodeAndChangeNothing() {
    String plan = plan("2.00", "weekly");
    HttpResponse<String> badPlan = http.sendJson("POST", "/api/plans", toJson(Map.of("id", "has space", "name", "",
        "amount", "0", "currency", "usd", "period", "daily")), admin.auth());
    String yenPlan = "yen-" + UUID.randomUUID();
    HttpResponse<String> yen = http.sendJson("POST", "/api/plans", toJson(Map.of("id", yenPlan, "name", "Yen",
        "amount", "100", "currency", "JPY", "period", "monthly")), admin.auth());
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
    assertThat(code(http.get("/api/plans/" + yenPlan, admin.auth()))).isEqualTo("PLAN_NOT_FOUND");
  }

  @Test
  void everyEndpointIsDocumentedWithTheBearerScheme() {
    assertDocumentedWithTheBearerScheme(http, List.of("/api/plans post", "/api/plans get", "/api/plans/{id} get",
        "/api/subscriptions post", "/api/subscriptions/{id} get", "/api/subscriptions/{id}/cancel post",
        "/api/subscriptions/{id}/pause post", "/api/subscriptions/{id}/resume post",
        "/api/subscriptions/{id}/plan put"));
  }

  // --- helpers

  /** A new plan in USD. */
  private String plan(String amount, String period) {
    String id = "plan-" + UUID.randomUUID();
    HttpResponse<String> created = http.sendJson("POST", "/api/plans", toJson(Map.of("id", id, "name", "Plan " + id,
        "amount", amount, "currency", "USD", "period", period)), admin.auth());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return id;
  }

  private List<String> listedPlanIds() {
    List<String> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode listed = TestHttp.json(http.get("/api/plans?size=100&page=" + page, subscriber.auth()));
      listed.get("items").forEach(item -> ids.add(item.get("id").asString()));
      if ((long) (page + 1) * 100 >= listed.get("total").asLong()) {
        return ids;
      }
    }
  }

  private HttpResponse<String> subscribe(String planId, String card, String... headers) {
    return http.sendJson("POST", "/api/subscriptions", toJson(Map.of("planId", planId,
        "paymentMethod", Map.of("type", "card", "token", card))), subscriber.auth(headers));
  }

  private String subscribed(String planId) {
    HttpResponse<String> created = subscribe(planId, GOOD_CARD);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return TestHttp.json(created).get("id").asString();
  }

  private JsonNode subscription(String id, Account caller) {
    return ok(http.get("/api/subscriptions/" + id, caller.auth()));
  }

  /** Polls the subscription until its details match. */
  private JsonNode awaitSubscription(String id, Predicate<JsonNode> condition) {
    JsonNode details = Polling.poll(SETTLE_TIMEOUT, () -> subscription(id, subscriber), condition);
    assertThat(condition).as("subscription %s: %s", id, details).accepts(details);
    return details;
  }

  /** Polls the subscriptions table, which the workflow keeps up to date, until the row matches. */
  private Subscription awaitSaved(String id, Predicate<Subscription> condition) {
    Subscription row = Polling.poll(SETTLE_TIMEOUT, () -> subscriptions.find(UUID.fromString(id)).orElseThrow(),
        condition);
    assertThat(condition).as("row of subscription %s: %s", id, row).accepts(row);
    return row;
  }

  /** Waits until the workflow has scheduled its first charge, whose answer the latency holds back. */
  private void awaitChargeScheduled(String workflowId) {
    Predicate<List<HistoryEvent>> scheduled = events -> events.stream()
        .anyMatch(event -> event.hasActivityTaskScheduledEventAttributes()
            && event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                .equals("SubscriptionCharge"));
    List<HistoryEvent> events = Polling.poll(SETTLE_TIMEOUT,
        () -> client.fetchHistory(workflowId).getHistory().getEventsList(), scheduled);
    assertThat(scheduled).as("history of %s", workflowId).accepts(events);
  }

  private List<String> childWorkflowIds(String workflowId) {
    return client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
        .map(event -> event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
        .toList();
  }

  private static List<JsonNode> payments(JsonNode subscription) {
    return subscription.get("lastPayments").valueStream().toList();
  }

  private HttpResponse<String> post(String path, Object body) {
    return http.sendJson("POST", path, body == null ? "" : toJson(body), subscriber.auth());
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
}
