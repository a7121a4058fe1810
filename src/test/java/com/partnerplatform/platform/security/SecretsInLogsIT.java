package com.partnerplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registrations, logins (right and wrong), token refreshes and card payments (paid and declined)
 * leave no password, token or card number in the log, with the application's own loggers at DEBUG;
 * then every log file of the integration tests so far ({@code target/it-logs}) is searched for
 * access tokens and the test suites' passwords and cards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + SecretsInLogsIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + SecretsInLogsIT.ADMIN_PASSWORD,
    "logging.file.name=" + SecretsInLogsIT.LOG,
    "logging.level.com.partnerplatform=DEBUG"})
@ActiveProfiles("it")
class SecretsInLogsIT {

  static final String ADMIN_EMAIL = "secrets-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-secret-its";
  static final String LOG = "target/it-logs/secrets-in-logs-it.log";
  private static final List<String> CARDS = List.of("4242424242424242", "4000000000000002", "4000000000009995",
      "5555555555554444");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Test
  void noPasswordTokenOrCardNumberIsLogged() throws Exception {
    // The file is appended to across runs: only what this run wrote counts.
    long before = Files.size(Path.of(LOG));
    TestHttp http = new TestHttp(port);
    TestAccounts accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    List<String> secrets = new ArrayList<>(CARDS);
    secrets.addAll(List.of(ADMIN_PASSWORD, TestAccounts.PASSWORD, accounts.admin().accessToken()));

    String email = "secrets-" + UUID.randomUUID() + "@partner-platform.test";
    String password = "pw-" + UUID.randomUUID();
    String wrong = "wrong-" + UUID.randomUUID();
    secrets.addAll(List.of(password, wrong));
    assertThat(http.sendJson("POST", "/api/auth/register",
        JSON.writeValueAsString(Map.of("email", email, "password", password, "name", "Secret"))).statusCode())
        .isEqualTo(201);
    assertThat(http.sendJson("POST", "/api/auth/login",
        JSON.writeValueAsString(Map.of("email", email, "password", wrong))).statusCode()).isEqualTo(401);
    JsonNode tokens = TestHttp.json(http.sendJson("POST", "/api/auth/login",
        JSON.writeValueAsString(Map.of("email", email, "password", password))));
    secrets.add(tokens.get("accessToken").asString());
    secrets.add(tokens.get("refreshToken").asString());
    JsonNode refreshed = TestHttp.json(http.sendJson("POST", "/api/auth/refresh",
        JSON.writeValueAsString(Map.of("refreshToken", tokens.get("refreshToken").asString()))));
    String access = refreshed.get("accessToken").asString();
    secrets.add(access);
    secrets.add(refreshed.get("refreshToken").asString());
    String[] auth = {"Authorization", "Bearer " + access};

    String sku = "SKU-" + UUID.randomUUID();
    assertThat(http.sendJson("POST", "/api/products", JSON.writeValueAsString(Map.of("sku", sku, "name", "Lamp",
        "price", "3.00", "currency", "USD", "stock", 10)), accounts.admin().auth()).statusCode()).isEqualTo(201);
    for (String card : List.of("4242424242424242", "4000000000000002")) {
      String order = TestHttp.json(http.sendJson("POST", "/api/orders", JSON.writeValueAsString(
          Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "currency", "USD")), auth)).get("id").asString();
      HttpResponse<String> paid = http.sendJson("POST", "/api/orders/" + order + "/pay", JSON.writeValueAsString(
          Map.of("paymentMethod", Map.of("type", "card", "token", card))), auth);
      assertThat(paid.statusCode()).as(paid.body()).isLessThan(300);
      awaitFinal(http, order, auth);
    }

    byte[] all = Files.readAllBytes(Path.of(LOG));
    String log = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
    assertThat(log).as("the log of this run").contains("card_declined");
    for (String secret : secrets) {
      assertThat(log).as("the log of this run").doesNotContain(secret);
    }
    try (Stream<Path> files = Files.list(Path.of(LOG).getParent())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = read(file);
        assertThat(JWT.matcher(content).find()).as("an access token in %s", file).isFalse();
        for (String secret : List.of(TestAccounts.PASSWORD, CARDS.get(0), CARDS.get(1), CARDS.get(2))) {
          assertThat(content).as("%s", file).doesNotContain(secret);
        }
      }
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }

  private static void awaitFinal(TestHttp http, String order, String[] auth) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String status = TestHttp.json(http.get("/api/orders/" + order, auth)).get("status").asString();
      if (List.of("paid", "awaiting_payment_method", "payment_failed").contains(status)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("order " + order + " did not settle");
  }
}
