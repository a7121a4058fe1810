package com.partnerplatform.operations.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.temporal.TemporalEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Playwright, which never
 * downloads a browser of its own. Skipped (visibly) where /usr/bin/chromium is not installed. Any
 * console error fails the test. Screenshots go to {@code dashboard.screenshots} (default
 * target/dashboard-screenshots; docs/images for the README).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + DashboardBrowserIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + DashboardBrowserIT.ADMIN_PASSWORD,
    // A declined payment gives up waiting for another card soon, so its compensation shows.
    "platform.payment.max-inventory-reservation-time=3s"})
@ActiveProfiles("it")
class DashboardBrowserIT {

  static final String ADMIN_EMAIL = "dashboard-browser-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-dashboard-browser-its";
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String LONG_DESCRIPTION = "A bright two-bedroom apartment on the third floor with a "
      + "balcony over the river, a renovated kitchen, oak floors, fast fibre internet and a shared garden.";

  private static Playwright playwright;
  private static Browser browser;

  @LocalServerPort
  int port;

  @Autowired
  TemporalEngine engine;

  private TestHttp http;
  private TestAccounts accounts;
  private BrowserContext context;
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void launch() {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed at " + CHROMIUM
        + " (apt-get install chromium): the browser tests are skipped");
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync")));
    PlaywrightAssertions.setDefaultAssertionTimeout(SETTLE_TIMEOUT.toMillis());
  }

  @AfterAll
  static void close() {
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void signIn() {
    http = new TestHttp(port);
    accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    context.setDefaultTimeout(SETTLE_TIMEOUT.toMillis());
  }

  @AfterEach
  void noConsoleErrors() {
    context.close();
    assertThat(consoleErrors).as("browser console errors").isEmpty();
  }

  @Test
  void anAdminApprovesAListingFromTheReviewQueueAndItsOpenTimelineFollowsLive() {
    Account partner = accounts.create("browser-partner", "USER", "PARTNER");
    String listingId = pendingListing(partner, "Riverside loft " + UUID.randomUUID().toString().substring(0, 6));
    Page queue = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);

    Page timeline = page();
    timeline.navigate(url("/dashboard/executions/listing-approval-" + listingId));
    assertThat(timeline.locator("#execution-status")).hasText("Running");
    assertThat(timeline.locator(".steps .step.active")).containsText("Wait for a reviewer");

    queue.navigate(url("/dashboard/reviews"));
    Locator review = queue.locator("#review-" + listingId);
    assertThat(review.locator(".countdown")).containsText("left");
    screenshot(queue, "review-queue");
    review.locator("textarea").fill("Looks great");
    review.getByText("Approve", new Locator.GetByTextOptions().setExact(true)).click();
    assertThat(queue.locator(".notice")).containsText("is approved");
    assertThat(queue.locator("#review-" + listingId)).hasCount(0);

    // The page opened before the decision updates itself.
    assertThat(timeline.locator("#execution-status")).hasText("Completed");
    assertThat(timeline.locator("#actions")).hasCount(0);
    assertThat(timeline.locator(".marks")).containsText("Update approve accepted");
    assertThat(timeline.locator(".bar-row", new Page.LocatorOptions().setHasText("ListingPublish"))).hasCount(1);
    assertThat(timeline.locator(".steps:not(.branch) .step.done")).hasCount(5);
    screenshot(timeline, "execution-listing-approval");
  }

  @Test
  void paymentsShowTheirRetriedAttemptsAndTheDeclinedOneItsCompensation() {
    Account buyer = accounts.create("browser-buyer", "USER");
    String sku = product();
    String paid = order(buyer, sku, "4242424242424242", "paid");
    String retried = order(buyer, sku, "4000000000000119", "payment_failed");
    String declined = order(buyer, sku, "4000000000000002", "payment_failed");
    Page page = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);

    page.navigate(url("/dashboard/executions/payment-" + retried));
    Locator charge = page.locator(".bar-row", new Page.LocatorOptions().setHasText("PaymentCharge"));
    assertThat(charge.locator(".attempts")).containsText("attempt");
    assertThat(charge.locator(".bar-detail")).containsText("failed; retried after");
    assertThat(charge.locator(".bar-detail")).containsText("An error occurred while processing the card");
    assertThat(charge.locator(".seg.retry")).hasCount(1);
    screenshot(page, "execution-payment-retried");

    page.navigate(url("/dashboard/executions/payment-" + declined));
    assertThat(page.locator("#execution-status")).hasText("Failed");
    assertThat(page.locator(".bar-row.compensation", new Page.LocatorOptions().setHasText("PaymentReleaseInventory")))
        .hasCount(1);
    assertThat(page.locator(".bar-row.compensation", new Page.LocatorOptions().setHasText("PaymentMarkPaymentFailed")))
        .hasCount(1);
    assertThat(page.locator(".steps.branch .step.done")).not().hasCount(0);
    assertThat(page.locator("#state")).containsText("failed");
    screenshot(page, "execution-payment-compensated");
    page.setViewportSize(390, 844);
    screenshot(page, "execution-payment-phone");
    page.setViewportSize(1280, 900);

    page.navigate(url("/dashboard/orders/" + paid));
    assertThat(page.locator("#order-status")).hasText("paid");
    assertThat(page.locator("table")).containsText("charge");
    screenshot(page, "order");
    page.getByText("Refund", new Page.GetByTextOptions().setExact(true)).click();
    assertThat(page.locator(".notice")).hasText("Refund started.");

    page.navigate(url("/dashboard/orders"));
    assertThat(page.locator("main")).containsText(declined);
    page.navigate(url("/dashboard/executions?type=PaymentWorkflow"));
    screenshot(page, "executions");
    page.navigate(url("/dashboard"));
    assertThat(page.locator("h1")).hasText("Overview");
    screenshot(page, "overview");
    if (engine.supportsServerFeatures()) {
      assertThat(page.locator("table a.bad").first()).isVisible();
      page.navigate(url("/dashboard/executions?businessId=" + declined));
      assertThat(page.locator("tbody tr")).hasCount(1);
      assertThat(page.locator("tbody")).containsText("payment-" + declined);
    } else {
      assertThat(page.locator("main")).containsText("This needs a Temporal server");
    }
    for (String other : List.of("subscriptions", "schedules", "reports", "mailbox")) {
      page.navigate(url("/dashboard/" + other));
      assertThat(page.locator(".top a.on")).hasCount(1);
      assertThat(page.locator("h1")).isVisible();
    }
  }

  /** Signs in with the keyboard only: the form is reachable and submits without a mouse. */
  private Page signedIn(String email, String password) {
    Page page = page();
    page.navigate(url("/dashboard/login"));
    page.keyboard().type(email);
    page.keyboard().press("Tab");
    page.keyboard().type(password);
    page.keyboard().press("Enter");
    page.waitForURL(url("/dashboard**"));
    assertThat(page.locator(".top")).containsText("Sign out");
    return page;
  }

  private Page page() {
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        consoleErrors.add(page.url() + ": " + message.text());
      }
    });
    page.onPageError(error -> consoleErrors.add(page.url() + ": " + error));
    page.onDialog(Dialog::accept);
    return page;
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static void screenshot(Page page, String name) {
    Path directory = Paths.get(System.getProperty("dashboard.screenshots", "target/dashboard-screenshots"));
    page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(name + ".png")).setFullPage(true));
  }

  private String pendingListing(Account partner, String title) {
    List<String> images = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      images.add("https://images.partner-platform.test/" + UUID.randomUUID() + ".jpg");
    }
    JsonNode created = ok(http.sendJson("POST", "/api/listings", JSON.writeValueAsString(Map.of("title", title,
        "description", LONG_DESCRIPTION, "price", 1250, "currency", "EUR", "propertyType", "apartment",
        "location", Map.of("address", "Rua das Flores 12", "city", "Porto", "state", "Norte", "country", "PT",
            "postalCode", "4050-265", "lat", 41.1456, "lng", -8.6109),
        "images", images, "attributes", Map.of("bedrooms", 2, "bathrooms", 1, "area", 84.5))), partner.auth()), 201);
    String id = created.get("id").asString();
    ok(http.sendJson("POST", "/api/listings/" + id + "/submit", "", partner.auth()), 202);
    await(() -> ok(http.get("/api/listings/" + id, partner.auth()), 200).get("status").asString(), "pending_review");
    return id;
  }

  private String product() {
    String sku = "SKU-" + UUID.randomUUID();
    ok(http.sendJson("POST", "/api/products", JSON.writeValueAsString(Map.of("sku", sku, "name", "Desk lamp",
        "price", "19.90", "currency", "USD", "stock", 10)), accounts.admin().auth()), 201);
    return sku;
  }

  /** An order paid with a sandbox test card, once it reached the given status. */
  private String order(Account buyer, String sku, String card, String status) {
    String id = ok(http.sendJson("POST", "/api/orders", JSON.writeValueAsString(Map.of(
        "items", List.of(Map.of("sku", sku, "quantity", 1)), "currency", "USD")), buyer.auth()), 201)
        .get("id").asString();
    ok(http.sendJson("POST", "/api/orders/" + id + "/pay", JSON.writeValueAsString(Map.of(
        "paymentMethod", Map.of("type", "card", "token", card))), buyer.auth()), 202);
    await(() -> ok(http.get("/api/orders/" + id, buyer.auth()), 200).get("status").asString(), status);
    return id;
  }

  private static void await(java.util.function.Supplier<String> value, String expected) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    String seen = value.get();
    while (!expected.equals(seen)) {
      assertThat(Instant.now()).as("waiting for %s, last seen %s", expected, seen).isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      seen = value.get();
    }
  }

  private static JsonNode ok(java.net.http.HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return TestHttp.json(response);
  }
}
