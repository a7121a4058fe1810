package com.partnerplatform.operations.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerplatform.operations.WorkflowOperations;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.temporal.TemporalEngine;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard's sign-in, session, CSRF protection and roles over HTTP, and that its actions are
 * authorised by the API: a reviewer cannot terminate a payment workflow either way.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + DashboardSecurityIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + DashboardSecurityIT.ADMIN_PASSWORD,
    "platform.temporal.web-ui-url=http://127.0.0.1:8233"})
@ActiveProfiles("it")
class DashboardSecurityIT {

  static final String ADMIN_EMAIL = "dashboard-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-dashboard-its";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;

  @Autowired
  DashboardApi api;

  @Autowired
  TemporalEngine engine;

  @Autowired
  WorkflowOperations operations;

  private TestAccounts accounts;

  @BeforeEach
  void accounts() {
    accounts = new TestAccounts(new TestHttp(port), ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @Test
  void pagesNeedASignInAndAWrongPasswordIsRefused() {
    Browser browser = new Browser();
    HttpResponse<String> anonymous = browser.get("/dashboard/executions");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard/login"));

    HttpResponse<String> wrong = browser.login(ADMIN_EMAIL, "not the password");
    assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("?error=invalid"));
    assertThat(browser.get("/dashboard").statusCode()).isEqualTo(302);
  }

  @Test
  void anAdminSeesEveryPageWithAnHttpOnlySameSiteSessionAndSignsOut() {
    Browser browser = new Browser();
    HttpResponse<String> signedIn = browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard"));
    assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

    for (String page : List.of("/dashboard", "/dashboard/executions", "/dashboard/reviews", "/dashboard/orders",
        "/dashboard/subscriptions", "/dashboard/mailbox", "/dashboard/schedules", "/dashboard/reports")) {
      HttpResponse<String> response = browser.get(page);
      assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
      assertThat(response.body()).as(page).contains("Sign out");
    }

    String overview = browser.get("/dashboard").body();
    if (engine.supportsServerFeatures()) {
      assertThat(overview).contains("Task queues", "Latest failures").doesNotContain("This needs a Temporal server");
    } else {
      assertThat(overview).contains("This needs a Temporal server").doesNotContain("Task queues");
    }

    assertThat(browser.post("/dashboard/logout", Map.of()).statusCode()).isEqualTo(302);
    assertThat(browser.get("/dashboard").statusCode()).isEqualTo(302);
  }

  @Test
  void aReviewerSeesOnlyTheReviewPagesAndCannotTerminateAPaymentWorkflow() {
    Account reviewer = accounts.create("dashboard-reviewer", "USER", "REVIEWER");
    Browser browser = new Browser();
    browser.login(reviewer.email(), TestAccounts.PASSWORD);

    HttpResponse<String> home = browser.get("/dashboard");
    assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard/reviews"));
    assertThat(browser.get("/dashboard/reviews").statusCode()).isEqualTo(200);
    assertThat(browser.get("/dashboard/reviews").body()).doesNotContain("/dashboard/executions\"");
    assertThat(browser.get("/dashboard/executions").statusCode()).isEqualTo(403);
    assertThat(browser.get("/dashboard/orders").statusCode()).isEqualTo(403);
    assertThat(browser.post("/dashboard/executions/payment-" + reviewer.id() + "/terminate", Map.of("reason", "no"))
        .statusCode()).isEqualTo(403);

    // Even past the page rules, the API the dashboard calls refuses a reviewer's terminate.
    UsernamePasswordAuthenticationToken asReviewer = UsernamePasswordAuthenticationToken.authenticated(
        new DashboardUser(reviewer.id(), reviewer.email()), null, List.of(new SimpleGrantedAuthority("ROLE_REVIEWER")));
    assertThatThrownBy(() -> api.post(asReviewer, Map.of("reason", "no"), "/api/workflows/{id}/terminate",
        "payment-" + reviewer.id()))
        .isInstanceOfSatisfying(DashboardApi.Refusal.class, refusal -> {
          assertThat(refusal.status().value()).isEqualTo(403);
          assertThat(refusal.code()).isEqualTo("FORBIDDEN");
        });
  }

  @Test
  void anAdminSignalsAWaitingPaymentFromItsPageAndACancelOfAClosedRunIsRefusedWithTheApisReason() {
    TestHttp http = new TestHttp(port);
    Account buyer = accounts.create("dashboard-buyer", "USER");
    String sku = "SKU-" + java.util.UUID.randomUUID();
    ok(http.sendJson("POST", "/api/products", "{\"sku\":\"" + sku + "\",\"name\":\"Lamp\",\"price\":\"9.50\","
        + "\"currency\":\"USD\",\"stock\":5}", accounts.admin().auth()), 201);
    String order = TestHttp.json(ok(http.sendJson("POST", "/api/orders", "{\"items\":[{\"sku\":\"" + sku
        + "\",\"quantity\":1}],\"currency\":\"USD\"}", buyer.auth()), 201)).get("id").asString();
    ok(http.sendJson("POST", "/api/orders/" + order + "/pay",
        "{\"paymentMethod\":{\"type\":\"card\",\"token\":\"4000000000000002\"}}", buyer.auth()), 202);
    awaitOrder(http, buyer, order, "awaiting_payment_method");
    Browser admin = new Browser();
    admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    String page = "/dashboard/executions/payment-" + order;
    String detail = admin.get(page).body();
    assertThat(detail).contains("Actions", "Send signal", "Terminate", "Download history (JSON)");
    if (engine.webUiUrl() != null) {
      assertThat(detail).contains("http://127.0.0.1:8233/namespaces/" + engine.namespace() + "/workflows/payment-" + order);
    }
    HttpResponse<String> history = admin.get(page + "/history.json");
    assertThat(history.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
    assertThat(history.body()).contains("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");

    HttpResponse<String> signalled = admin.post(page + "/signal",
        Map.of("name", "retryPayment", "arguments", "{\"type\":\"card\",\"token\":\"4242424242424242\"}"));
    assertThat(signalled.statusCode()).isEqualTo(302);
    assertThat(admin.get(page).body()).contains("Signal retryPayment sent.");
    awaitOrder(http, buyer, order, "paid");
    // Paid is the pivot; the run closes after the receipt and the fulfilment request.
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    while ("Running".equals(operations.describe("payment-" + order, null).status())) {
      assertThat(java.time.Instant.now()).as("payment-%s closes", order).isBefore(deadline);
      pause();
    }

    admin.post(page + "/cancel", Map.of());
    assertThat(admin.get(page).body()).contains("WORKFLOW_NOT_RUNNING").doesNotContain("Send signal");
  }

  private static HttpResponse<String> ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response;
  }

  private static void awaitOrder(TestHttp http, Account owner, String order, String status) {
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    String seen = "";
    while (!status.equals(seen)) {
      assertThat(java.time.Instant.now()).as("order %s reaches %s, last %s", order, status, seen).isBefore(deadline);
      seen = TestHttp.json(http.get("/api/orders/" + order, owner.auth())).get("status").asString();
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void otherRolesAreForbiddenAndFormsWithoutTheCsrfTokenAreRefused() {
    Account user = accounts.create("dashboard-user", "USER");
    Browser browser = new Browser();
    browser.login(user.email(), TestAccounts.PASSWORD);
    assertThat(browser.get("/dashboard").statusCode()).isEqualTo(403);
    assertThat(browser.get("/dashboard/reviews").statusCode()).isEqualTo(403);

    Browser admin = new Browser();
    admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    assertThat(admin.postWithoutCsrf("/dashboard/executions/anything/cancel").statusCode()).isEqualTo(403);
  }

  /** A cookie-keeping client that fills in the CSRF token of the page it last read, as a browser's form would. */
  private final class Browser {

    private final HttpClient client = HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    private String csrf;

    HttpResponse<String> login(String email, String password) {
      get("/dashboard/login");
      return post("/dashboard/login", Map.of("email", email, "password", password));
    }

    HttpResponse<String> get(String path) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
      Matcher token = CSRF.matcher(response.body());
      if (token.find()) {
        csrf = token.group(1);
      }
      return response;
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
      if (csrf == null) {
        get("/dashboard/login");
      }
      Map<String, String> fields = new LinkedHashMap<>(form);
      fields.put("_csrf", csrf);
      return postForm(path, fields);
    }

    HttpResponse<String> postWithoutCsrf(String path) {
      return postForm(path, Map.of());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) {
      String body = fields.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      return send(HttpRequest.newBuilder(uri(path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
