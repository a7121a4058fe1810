package com.partnerplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in caller reaches only their own objects: another account's order, subscription,
 * listing, notification or reminder is neither readable nor changeable (404, as if it did not
 * exist, so ids cannot be probed), and is absent from the caller's lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + ObjectAccessIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + ObjectAccessIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class ObjectAccessIT {

  static final String ADMIN_EMAIL = "objects-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-object-its";
  private static final String CARD = "4242424242424242";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private TestHttp http;
  private TestAccounts accounts;
  private Account owner;
  private Account stranger;

  @BeforeEach
  void accounts() {
    http = new TestHttp(port);
    accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    owner = accounts.create("owner", "USER", "PARTNER");
    stranger = accounts.create("stranger", "USER", "PARTNER");
  }

  @Test
  void anotherUsersOrderCannotBeReadPaidCancelledOrListed() {
    String sku = "SKU-" + UUID.randomUUID();
    created(send("POST", "/api/products", accounts.admin(),
        Map.of("sku", sku, "name", "Lamp", "price", "3.00", "currency", "USD", "stock", 5)));
    String order = created(send("POST", "/api/orders", owner,
        Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "currency", "USD"))).get("id").asString();

    assertHidden(http.get("/api/orders/" + order, stranger.auth()));
    assertHidden(send("POST", "/api/orders/" + order + "/pay", stranger,
        Map.of("paymentMethod", Map.of("type", "card", "token", CARD))));
    assertHidden(send("POST", "/api/orders/" + order + "/payment-method", stranger,
        Map.of("paymentMethod", Map.of("type", "card", "token", CARD))));
    assertHidden(http.sendJson("POST", "/api/orders/" + order + "/cancel", "", stranger.auth()));
    assertThat(ids(http.get("/api/orders", stranger.auth()))).doesNotContain(order);
    assertThat(status(http.get("/api/orders/" + order, owner.auth()))).isEqualTo(200);
    assertThat(status(http.get("/api/orders/" + order, owner.auth()), "status")).isEqualTo("pending");
  }

  @Test
  void anotherUsersSubscriptionCannotBeReadOrChanged() {
    String plan = "plan-" + UUID.randomUUID();
    created(send("POST", "/api/plans", accounts.admin(),
        Map.of("id", plan, "name", "Gold", "amount", "9.99", "currency", "USD", "period", "monthly")));
    String subscription = created(send("POST", "/api/subscriptions", owner,
        Map.of("planId", plan, "paymentMethod", Map.of("type", "card", "token", CARD)))).get("id").asString();

    assertHidden(http.get("/api/subscriptions/" + subscription, stranger.auth()));
    assertHidden(http.sendJson("POST", "/api/subscriptions/" + subscription + "/pause", "", stranger.auth()));
    assertHidden(http.sendJson("POST", "/api/subscriptions/" + subscription + "/resume", "", stranger.auth()));
    assertHidden(send("POST", "/api/subscriptions/" + subscription + "/cancel", stranger, Map.of("atPeriodEnd", false)));
    assertHidden(send("PUT", "/api/subscriptions/" + subscription + "/plan", stranger, Map.of("planId", plan)));
    assertThat(status(http.get("/api/subscriptions/" + subscription, owner.auth()), "status")).isEqualTo("active");
  }

  @Test
  void anotherPartnersListingCannotBeReadOrChanged() {
    String listing = created(send("POST", "/api/listings", owner, listing())).get("id").asString();

    assertHidden(http.get("/api/listings/" + listing, stranger.auth()));
    assertHidden(send("PATCH", "/api/listings/" + listing, stranger, Map.of("title", "Taken over")));
    assertHidden(http.sendJson("POST", "/api/listings/" + listing + "/submit", "", stranger.auth()));
    assertHidden(http.sendJson("POST", "/api/listings/" + listing + "/withdraw", "", stranger.auth()));
    assertHidden(http.sendJson("POST", "/api/listings/" + listing + "/unpublish", "", stranger.auth()));
    assertHidden(send("POST", "/api/listings/" + listing + "/renew", stranger,
        Map.of("days", 30)));
    assertThat(ids(http.get("/api/listings", stranger.auth()))).doesNotContain(listing);
    assertThat(status(http.get("/api/listings/" + listing, owner.auth()), "title")).isEqualTo("A flat by the river");
  }

  @Test
  void anotherUsersNotificationCannotBeSeenOrMarkedRead() throws InterruptedException {
    String subject = "For the owner only " + UUID.randomUUID();
    HttpResponse<String> sent = send("POST", "/api/notifications", accounts.admin(), Map.of(
        "userIds", List.of(owner.id().toString()), "type", "announcement", "subject", subject,
        "message", "Hello", "channels", List.of("in_app"), "dedupKey", "objects-" + UUID.randomUUID()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String notification = awaitInbox(owner, subject);

    assertThat(ids(http.get("/api/notifications", stranger.auth()))).doesNotContain(notification);
    assertHidden(http.sendJson("POST", "/api/notifications/" + notification + "/read", "", stranger.auth()));
    assertThat(status(http.sendJson("POST", "/api/notifications/" + notification + "/read", "", owner.auth())))
        .isEqualTo(200);
  }

  @Test
  void anotherUsersReminderCannotBeListedOrCancelled() {
    String reminder = created(send("POST", "/api/reminders", owner, Map.of("type", "general",
        "message", "Call the notary", "remindAt", Instant.now().plus(Duration.ofDays(2)).toString(),
        "channels", List.of("in_app")))).get("id").asString();

    assertThat(ids(http.get("/api/reminders", stranger.auth()))).doesNotContain(reminder);
    assertHidden(http.sendJson("DELETE", "/api/reminders/" + reminder, "", stranger.auth()));
    assertThat(ids(http.get("/api/reminders", owner.auth()))).contains(reminder);
    assertThat(status(http.sendJson("DELETE", "/api/reminders/" + reminder, "", owner.auth()))).isEqualTo(200);
  }

  private String awaitInbox(Account account, String subject) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode item : TestHttp.json(http.get("/api/notifications", account.auth())).get("items")) {
        if (item.toString().contains(subject)) {
          return item.get("id").asString();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no notification '" + subject + "' in the inbox within " + WAIT);
  }

  private static Map<String, Object> listing() {
    return Map.of("title", "A flat by the river", "description", "A bright two-bedroom apartment on the third"
        + " floor with a balcony over the river, a renovated kitchen, oak floors and a shared garden.",
        "price", 1250, "currency", "EUR", "propertyType", "apartment",
        "location", Map.of("address", "Rua das Flores 12", "city", "Porto", "state", "Norte", "country", "PT",
            "postalCode", "4050-265", "lat", 41.1456, "lng", -8.6109),
        "images", List.of("https://images.partner-platform.test/" + UUID.randomUUID() + ".jpg"),
        "attributes", Map.of("bedrooms", 2, "bathrooms", 1, "area", 84.5));
  }

  private HttpResponse<String> send(String method, String path, Account caller, Map<String, Object> body) {
    return http.sendJson(method, path, JSON.writeValueAsString(body), caller.auth());
  }

  private static JsonNode created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 202);
    return TestHttp.json(response);
  }

  private static void assertHidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private static int status(HttpResponse<String> response) {
    return response.statusCode();
  }

  private static String status(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestHttp.json(response).get(field).asString();
  }

  private static List<String> ids(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    TestHttp.json(response).get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }
}
