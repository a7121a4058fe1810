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
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Catalogue, orders and the payment saga over HTTP, with the sandbox gateway. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + ADMIN_EMAIL,
    "platform.security.admin-password=" + ADMIN_PASSWORD})
@ActiveProfiles("it")
class PaymentApiIT {

  @LocalServerPort
  int port;

  @Autowired
  WorkflowClient client;

  private TestHttp http;
  private TestAccounts accounts;
  private Account admin;
  private Account buyer;

  @BeforeEach
  void logIn() {
    http = new TestHttp(port);
    accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin = accounts.admin();
    buyer = accounts.create("buyer");
  }

  @Test
  void theSucceedingCardPaysTheOrderChargesOnceTakesTheStockAndSendsTheReceipt() {
    String sku = product("12.50", 3);
    HttpResponse<String> created = post("/api/orders", buyer, order(sku, 2));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode order = TestHttp.json(created);
    String id = order.get("id").asString();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/orders/" + id);
    assertThat(order.get("amount").decimalValue()).isEqualByComparingTo("25.00");
    assertThat(order.get("currency").asString()).isEqualTo("USD");
    assertThat(order.get("status").asString()).isEqualTo("pending");
    assertThat(order.has("paymentWorkflowId")).as("no saga before the pay call").isFalse();

    HttpResponse<String> pay = pay(id, buyer, GOOD_CARD, "Idempotency-Key", "pay-" + id);
    assertThat(pay.statusCode()).isEqualTo(202);
    assertThat(TestHttp.json(pay).get("workflowId").asString()).isEqualTo("payment-" + id);

    JsonNode paid = awaitOrder(id, buyer, "paid");
    assertThat(paid.get("transactionId").asString()).startsWith("sandbox_ch_");
    assertThat(paid.get("paymentWorkflowId").asString()).isEqualTo("payment-" + id);
    assertThat(ledger(paid)).singleElement().satisfies(entry -> {
      assertThat(entry.get("kind").asString()).isEqualTo("charge");
      assertThat(entry.get("amount").decimalValue()).isEqualByComparingTo("25.00");
      assertThat(entry.get("gatewayReference").asString()).isEqualTo(paid.get("transactionId").asString());
      assertThat(entry.get("idempotencyKey").asString()).isEqualTo("payment-" + id);
    });
    assertThat(stock(sku)).isEqualTo(1);
    assertThat(awaitNotification(client, "payment", paid, "receipt").channels()).containsKey(NotificationChannel.EMAIL);

    HttpResponse<String> cancel = post("/api/orders/" + id + "/cancel", buyer, null);
    assertThat(cancel.statusCode()).isEqualTo(409);
    assertThat(code(cancel)).isEqualTo("ORDER_ALREADY_PAID");
  }

  @Test
  void aPaidOrderAndItsChargeAreCountedOnActuatorPrometheus() {
    String paidOrders = "payments_orders_total{status=\"paid\"}";
    String sandboxCharges =
        "payments_charge_attempts_total{gateway=\"sandbox\",outcome=\"succeeded\",purpose=\"order\"}";
    double paidBefore = scraped(paidOrders);
    double chargesBefore = scraped(sandboxCharges);
    String id = TestHttp.json(post("/api/orders", buyer, order(product("3.00", 1), 1))).get("id").asString();

    pay(id, buyer, GOOD_CARD, "Idempotency-Key", "pay-" + id);
    awaitOrder(id, buyer, "paid");

    // Other tests' sagas may settle meanwhile: at least this one is counted.
    assertThat(scraped(paidOrders)).isGreaterThanOrEqualTo(paidBefore + 1);
    assertThat(scraped(sandboxCharges)).isGreaterThanOrEqualTo(chargesBefore + 1);
  }

  @Test
  void aDeclinedCardWaitsForAnotherMethodAndCancellingRestoresTheStockWithoutACharge() {
    String sku = product("8.00", 4);
    String id = createOrder(sku, 3);

    assertThat(pay(id, buyer, DECLINED_CARD).statusCode()).isEqualTo(202);
    JsonNode awaiting = awaitOrder(id, buyer, "awaiting_payment_method");
    assertThat(awaiting.at("/failure/code").asString()).isEqualTo("PAYMENT_FAILED");
    assertThat(awaiting.at("/payment/step").asString()).isEqualTo("awaiting_payment_method");
    assertThat(awaiting.at("/payment/attempts").asInt()).isEqualTo(1);
    assertThat(awaiting.at("/payment/lastError").asString()).contains("card_declined");
    assertThat(awaiting.at("/payment/awaitingPaymentMethodUntil").asString()).isNotBlank();
    assertThat(stock(sku)).isEqualTo(1);

    HttpResponse<String> cancel = post("/api/orders/" + id + "/cancel", buyer, null);
    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(TestHttp.json(cancel).get("status").asString()).isEqualTo("cancelling");

    JsonNode cancelled = awaitOrder(id, buyer, "cancelled");
    assertThat(cancelled.at("/failure/code").asString()).isEqualTo("CANCELLED");
    assertThat(ledger(cancelled)).isEmpty();
    assertThat(stock(sku)).isEqualTo(4);
    assertThat(awaitNotification(client, "payment", cancelled, "failed").channels())
        .containsKey(NotificationChannel.EMAIL);
    assertThat(post("/api/orders/" + id + "/cancel", buyer, null).statusCode()).isEqualTo(200);
    HttpResponse<String> payAgain = pay(id, buyer, GOOD_CARD);
    assertThat(payAgain.statusCode()).isEqualTo(409);
    assertThat(code(payAgain)).isEqualTo("ORDER_NOT_PENDING");
  }

  @Test
  void anotherPaymentMethodAfterADeclineCompletesThePayment() {
    String sku = product("5.00", 2);
    String id = createOrder(sku, 1);
    pay(id, buyer, DECLINED_CARD);
    awaitOrder(id, buyer, "awaiting_payment_method");

    HttpResponse<String> unsupported = post("/api/orders/" + id + "/payment-method", buyer,
        Map.of("paymentMethod", Map.of("type", "cash", "token", "x")));
    HttpResponse<String> replaced = post("/api/orders/" + id + "/payment-method", buyer,
        Map.of("paymentMethod", Map.of("type", "card", "token", GOOD_CARD)));

    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(code(unsupported)).isEqualTo("UNSUPPORTED_PAYMENT_METHOD");
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(replaced).at("/payment/step").asString()).isEqualTo("validating");
    JsonNode paid = awaitOrder(id, buyer, "paid");
    assertThat(ledger(paid)).singleElement()
        .satisfies(entry -> assertThat(entry.get("idempotencyKey").asString()).isEqualTo("payment-" + id + "-attempt-2"));
    assertThat(stock(sku)).isEqualTo(1);
    HttpResponse<String> late = post("/api/orders/" + id + "/payment-method", buyer,
        Map.of("paymentMethod", Map.of("type", "card", "token", GOOD_CARD)));
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(code(late)).isEqualTo("PAYMENT_NOT_AWAITING_METHOD");
  }

  @Test
  void theSamePayRequestSentTwiceStartsOneWorkflowAndChargesOnce() {
    String sku = product("3.00", 5);
    String id = createOrder(sku, 1);
    String key = "pay-" + UUID.randomUUID();

    List<HttpResponse<String>> responses = IntStream.range(0, 2)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> pay(id, buyer, GOOD_CARD, "Idempotency-Key", key)))
        .toList().stream().map(CompletableFuture::join).toList();

    assertThat(responses).allSatisfy(response -> {
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(TestHttp.json(response).get("workflowId").asString()).isEqualTo("payment-" + id);
    });
    assertThat(ledger(awaitOrder(id, buyer, "paid"))).hasSize(1);
    HttpResponse<String> repeated = pay(id, buyer, GOOD_CARD, "Idempotency-Key", key);
    assertThat(repeated.statusCode()).isEqualTo(202);
    assertThat(TestHttp.json(repeated).get("status").asString()).isEqualTo("paid");
    assertThat(ledger(order(id, buyer))).hasSize(1);
    assertThat(stock(sku)).isEqualTo(4);
    HttpResponse<String> anotherKey = pay(id, buyer, GOOD_CARD, "Idempotency-Key", key + "-2");
    assertThat(anotherKey.statusCode()).isEqualTo(409);
    assertThat(code(anotherKey)).isEqualTo("ORDER_NOT_PENDING");
  }

  @Test
  void twentyConcurrentOrdersForFiveUnitsPayFiveAndFailFifteenWithInventoryUnavailable() {
    String sku = product("1.00", 5);
    List<String> ids = IntStream.range(0, 20).mapToObj(i -> createOrder(sku, 1)).toList();

    List<HttpResponse<String>> started = ids.stream()
        .map(id -> CompletableFuture.supplyAsync(() -> pay(id, buyer, GOOD_CARD)))
        .toList().stream().map(CompletableFuture::join).toList();
    assertThat(started).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(202));

    List<JsonNode> settled = ids.stream().map(id -> awaitOrder(id, buyer, "paid", "payment_failed")).toList();
    assertThat(settled).filteredOn(order -> order.get("status").asString().equals("paid")).hasSize(5)
        .allSatisfy(order -> assertThat(ledger(order)).hasSize(1));
    assertThat(settled).filteredOn(order -> order.get("status").asString().equals("payment_failed")).hasSize(15)
        .allSatisfy(order -> {
          assertThat(order.at("/failure/code").asString()).isEqualTo("INVENTORY_UNAVAILABLE");
          assertThat(ledger(order)).isEmpty();
        });
    assertThat(stock(sku)).isZero();
  }

  @Test
  void anAdminRefundsAPaidOrderThroughTheGatewayAndRestocks() {
    String sku = product("20.00", 2);
    String id = createOrder(sku, 2);
    HttpResponse<String> unpaid = post("/api/orders/" + id + "/refund", admin, null);
    assertThat(unpaid.statusCode()).isEqualTo(409);
    assertThat(code(unpaid)).isEqualTo("ORDER_NOT_PAID");
    pay(id, buyer, GOOD_CARD);
    awaitOrder(id, buyer, "paid");
    assertThat(stock(sku)).isZero();

    assertThat(post("/api/orders/" + id + "/refund", buyer, null).statusCode()).isEqualTo(403);
    HttpResponse<String> refund = post("/api/orders/" + id + "/refund", admin, null);

    assertThat(refund.statusCode()).isEqualTo(202);
    assertThat(TestHttp.json(refund).get("workflowId").asString()).isEqualTo("refund-" + id);
    JsonNode refunded = awaitOrder(id, buyer, "refunded");
    assertThat(ledger(refunded)).extracting(entry -> entry.get("kind").asString()).containsExactly("charge", "refund");
    assertThat(ledger(refunded).get(1).get("amount").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(stock(sku)).isEqualTo(2);
  }

  @Test
  void ordersBelongToTheirBuyerAndAdmins() {
    String sku = product("2.00", 10);
    String id = createOrder(sku, 1);
    Account stranger = accounts.create("stranger");

    assertThat(get("/api/orders/" + id, stranger).statusCode()).isEqualTo(404);
    HttpResponse<String> strangerPays = pay(id, stranger, GOOD_CARD);
    assertThat(strangerPays.statusCode()).isEqualTo(404);
    assertThat(code(strangerPays)).isEqualTo("ORDER_NOT_FOUND");
    assertThat(post("/api/orders/" + id + "/cancel", stranger, null).statusCode()).isEqualTo(404);
    assertThat(get("/api/orders/" + id, admin).statusCode()).isEqualTo(200);
    assertThat(ids(get("/api/orders", buyer))).containsExactly(id);
    assertThat(ids(get("/api/orders", stranger))).isEmpty();
    assertThat(ids(get("/api/orders?size=100", admin))).contains(id);

    HttpResponse<String> cancelled = post("/api/orders/" + id + "/cancel", admin, null);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(cancelled).get("status").asString()).isEqualTo("cancelled");
  }

  @Test
  void badRequestsAreRefusedWithTheirCodeAndChangeNothing() {
    String sku = product("2.00", 10);
    String id = createOrder(sku, 1);

    HttpResponse<String> noMethod = post("/api/orders/" + id + "/pay", buyer, Map.of());
    HttpResponse<String> spacedKey = pay(id, buyer, GOOD_CARD, "Idempotency-Key", "has space");
    HttpResponse<String> cashMethod = post("/api/orders/" + id + "/pay", buyer,
        Map.of("paymentMethod", Map.of("type", "cash", "token", "x")));
    HttpResponse<String> unknownSku = post("/api/orders", buyer, order("NO-SUCH-" + UUID.randomUUID(), 1));
    HttpResponse<String> yen = post("/api/orders", buyer, Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)),
        "currency", "JPY"));
    HttpResponse<String> emptyOrder = post("/api/orders", buyer, Map.of("items", List.of(), "currency", "USD"));
    HttpResponse<String> productByUser = post("/api/products", buyer, Map.of("sku", "X-" + UUID.randomUUID(),
        "name", "X", "price", 1, "currency", "USD", "stock", 1));
    HttpResponse<String> badProduct = post("/api/products", admin, Map.of("sku", "has space", "name", "",
        "price", -1, "currency", "usd", "stock", -1));

    assertThat(noMethod.statusCode()).isEqualTo(400);
    assertThat(code(noMethod)).isEqualTo("VALIDATION_FAILED");
    assertThat(spacedKey.statusCode()).isEqualTo(400);
    assertThat(code(spacedKey)).isEqualTo("VALIDATION_FAILED");
    assertThat(code(cashMethod)).isEqualTo("UNSUPPORTED_PAYMENT_METHOD");
    assertThat(code(unknownSku)).isEqualTo("UNKNOWN_PRODUCT");
    assertThat(code(yen)).isEqualTo("UNSUPPORTED_CURRENCY");
    assertThat(code(emptyOrder)).isEqualTo("VALIDATION_FAILED");
    assertThat(productByUser.statusCode()).isEqualTo(403);
    assertThat(badProduct.statusCode()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    TestHttp.json(badProduct).get("errors").forEach(error -> fields.add(error.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("sku", "name", "price", "currency", "stock");
    assertThat(post("/api/products", admin, Map.of("sku", sku, "name", "Again", "price", 1, "currency", "USD",
        "stock", 1)).statusCode()).isEqualTo(409);
    assertThat(order(id, buyer).get("status").asString()).isEqualTo("pending");
    assertThat(stock(sku)).isEqualTo(10);
  }

  @Test
  void anAdminSetsTheStock() {
    String sku = product("2.00", 10);

    HttpResponse<String> set = http.sendJson("PUT", "/api/products/" + sku + "/stock", toJson(Map.of("stock", 42)),
        admin.auth());

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(stock(sku)).isEqualTo(42);
    assertThat(http.sendJson("PUT", "/api/products/" + sku + "/stock", toJson(Map.of("stock", 1)), buyer.auth())
        .statusCode()).isEqualTo(403);
    assertThat(http.sendJson("PUT", "/api/products/" + sku + "/stock", toJson(Map.of("stock", -1)), admin.auth())
        .statusCode()).isEqualTo(400);
    assertThat(code(http.sendJson("PUT", "/api/products/NO-SUCH-" + UUID.randomUUID() + "/stock",
        toJson(Map.of("stock", 1)), admin.auth()))).isEqualTo("PRODUCT_NOT_FOUND");
  }

  @Test
  void everyEndpointIsDocumentedWithTheBearerScheme() {
    assertDocumentedWithTheBearerScheme(http, List.of("/api/products post", "/api/products get",
        "/api/products/{sku} get", "/api/products/{sku}/stock put", "/api/orders post", "/api/orders get",
        "/api/orders/{id} get", "/api/orders/{id}/pay post", "/api/orders/{id}/payment-method post",
        "/api/orders/{id}/cancel post", "/api/orders/{id}/refund post"));
  }

  private String product(String price, int stock) {
    String sku = "SKU-" + UUID.randomUUID();
    HttpResponse<String> created = post("/api/products", admin,
        Map.of("sku", sku, "name", "Product " + sku, "price", price, "currency", "USD", "stock", stock));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return sku;
  }

  private int stock(String sku) {
    return TestHttp.json(get("/api/products/" + sku, buyer)).get("stock").asInt();
  }

  private String createOrder(String sku, int quantity) {
    HttpResponse<String> created = post("/api/orders", buyer, order(sku, quantity));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return TestHttp.json(created).get("id").asString();
  }

  private static Map<String, Object> order(String sku, int quantity) {
    return Map.of("items", List.of(Map.of("sku", sku, "quantity", quantity)), "currency", "USD");
  }

  private HttpResponse<String> pay(String id, Account caller, String card, String... headers) {
    return http.sendJson("POST", "/api/orders/" + id + "/pay",
        toJson(Map.of("paymentMethod", Map.of("type", "card", "token", card))), caller.auth(headers));
  }

  private JsonNode order(String id, Account caller) {
    HttpResponse<String> response = get("/api/orders/" + id, caller);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestHttp.json(response);
  }

  /** Polls the order until its status is one of those given. */
  /** A sample's value on /actuator/prometheus; 0 before it was first counted. */
  private double scraped(String series) {
    return http.get("/actuator/prometheus").body().lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  private JsonNode awaitOrder(String id, Account caller, String... statuses) {
    JsonNode order = Polling.poll(SETTLE_TIMEOUT, () -> order(id, caller),
        polled -> Set.of(statuses).contains(polled.get("status").asString()));
    assertThat(order.get("status").asString()).as("order %s: %s", id, order).isIn((Object[]) statuses);
    return order;
  }

  private static List<JsonNode> ledger(JsonNode order) {
    return order.get("ledger").valueStream().toList();
  }

  private static List<String> ids(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    TestHttp.json(page).get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private HttpResponse<String> get(String path, Account caller) {
    return http.get(path, caller.auth());
  }

  private HttpResponse<String> post(String path, Account caller, Object body) {
    return http.sendJson("POST", path, body == null ? "" : toJson(body), caller.auth());
  }

  private static String code(HttpResponse<String> response) {
    return TestHttp.json(response).get("code").asString();
  }
}
