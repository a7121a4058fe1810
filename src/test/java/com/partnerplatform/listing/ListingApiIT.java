package com.partnerplatform.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.listing.search.OpenSearchNode;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listings over HTTP as partners, reviewers and the public see them: review by a human through the
 * approval workflow, search, renewal and unpublishing through the expiration workflow, reindex and
 * reconciliation. Search runs on a real OpenSearch node, with an index of this context's own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + ListingApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + ListingApiIT.ADMIN_PASSWORD,
    "platform.search.engine=opensearch"})
@ActiveProfiles("it")
class ListingApiIT {

  static final String ADMIN_EMAIL = "listing-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-listing-its";
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String LONG_DESCRIPTION = "A bright two-bedroom apartment on the third floor with a "
      + "balcony over the river, a renovated kitchen, oak floors, fast fibre internet and a shared garden. "
      + "Close to the tram, schools and the market; quiet street, lift, storage room in the basement.";

  private static final String INDEX = "listings-api-it-" + UUID.randomUUID();

  @LocalServerPort
  int port;

  @Autowired
  ListingMaintenance maintenance;

  @Autowired
  WorkflowClient client;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void openSearch(DynamicPropertyRegistry registry) {
    registry.add("platform.search.opensearch.url", () -> OpenSearchNode.url().toString());
    registry.add("platform.search.opensearch.index", () -> INDEX);
  }

  private TestHttp http;
  private TestAccounts accounts;
  private Account partner;
  private Account reviewer;

  @BeforeEach
  void accounts() {
    http = new TestHttp(port);
    accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    partner = accounts.create("partner", "USER", "PARTNER");
    reviewer = accounts.create("reviewer", "USER", "REVIEWER");
  }

  @Test
  void anApprovedListingIsSearchableByATitleWordAndItsCityAndThePartnerIsMailed() {
    String word = randomWord();
    String city = "Porto" + randomWord();
    String id = create(partner, validListing("Riverside loft " + word, city, 3));

    JsonNode submitted = ok(http.sendJson("POST", "/api/listings/" + id + "/submit", "", partner.auth()), 202);
    assertThat(submitted.get("inReview").asBoolean()).isTrue();
    assertThat(submitted.get("approvalWorkflowId").asString()).isEqualTo("listing-approval-" + id);

    JsonNode pending = awaitListing(partner, id, listing -> "pending_review".equals(listing.get("status").asString()));
    // Seed scoring: fewer than 5 images costs 0.1, nothing else.
    assertThat(pending.get("qualityScore").decimalValue()).isEqualByComparingTo("0.90");
    assertThat(pending.get("qualityIssues").toString()).contains("Less than 5 images");
    Instant submittedAt = Instant.parse(pending.get("submittedAt").asString());
    assertThat(Instant.parse(pending.get("decisionDeadline").asString())).as("48 h after submission")
        .isBetween(submittedAt.plus(Duration.ofHours(48)), submittedAt.plus(Duration.ofHours(48)).plusSeconds(60));
    JsonNode queue = ok(http.get("/api/reviews/pending?size=100", reviewer.auth()), 200);
    assertThat(queue.get("items").findValuesAsString("id")).contains(id);
    assertThat(search("q=" + word).get("total").asLong()).isZero();

    JsonNode approved = ok(http.sendJson("POST", "/api/listings/" + id + "/approve",
        "{\"comment\":\"Looks great\"}", reviewer.auth()), 200);

    assertThat(approved.get("status").asString()).isEqualTo("approved");
    assertThat(approved.get("reviewComment").asString()).isEqualTo("Looks great");
    assertThat(approved.get("reviewedBy").asString()).isEqualTo(reviewer.id().toString());
    Instant publishedAt = Instant.parse(approved.get("publishedAt").asString());
    assertThat(Instant.parse(approved.get("expiresAt").asString())).as("live for 30 days")
        .isBetween(publishedAt.plus(Duration.ofDays(30)).minusSeconds(60), publishedAt.plus(Duration.ofDays(30)));
    JsonNode byWord = search("q=" + word);
    assertThat(byWord.get("total").asLong()).isEqualTo(1);
    assertThat(byWord.at("/items/0/id").asString()).isEqualTo(id);
    assertThat(search("city=" + city).get("items").findValuesAsString("id")).containsExactly(id);
    assertThat(awaitMail(partner.email(), "Listing Approved - Now Live!")).contains("Looks great");
  }

  @Test
  void anInvalidListingFailsValidationWithEveryBrokenRuleAndIsNotSearchable() {
    String word = randomWord();
    Map<String, Object> invalid = Map.of("title", "Tiny", "description", "Too short " + word, "price", 0);
    String id = create(partner, invalid);

    ok(http.sendJson("POST", "/api/listings/" + id + "/submit", "", partner.auth()), 202);
    JsonNode failed = awaitListing(partner, id,
        listing -> "validation_failed".equals(listing.get("status").asString()));

    assertThat(failed.get("inReview").asBoolean()).isFalse();
    assertThat(failed.get("validationErrors").valueStream().map(JsonNode::asString).toList()).containsExactly(
        "Title must be at least 10 characters long", "Description must be at least 50 characters long",
        "Price must be greater than 0", "Location address is required", "City and state are required",
        "At least one image is required");
    assertThat(awaitMail(partner.email(), "Listing Validation Failed")).contains("Price must be greater than 0");
    assertThat(search("q=" + word).get("total").asLong()).isZero();
  }

  @Test
  void reviewersCannotRejectWithoutACommentDecideTwiceOrDecideOnTheirOwnListing() {
    Account partnerReviewer = accounts.create("partner-reviewer", "USER", "PARTNER", "REVIEWER");
    String id = pendingListing(partnerReviewer, randomWord());

    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/reject", "{}", reviewer.auth()), 400,
        "VALIDATION_FAILED");
    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/approve", "{}", partnerReviewer.auth()), 403,
        "OWN_LISTING");
    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/approve", "{}", partner.auth()), 403,
        "FORBIDDEN");
    assertThat(get(partnerReviewer, id).get("status").asString()).isEqualTo("pending_review");

    ok(http.sendJson("POST", "/api/listings/" + id + "/reject", "{\"comment\":\"Photos are blurry\"}",
        reviewer.auth()), 200);
    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/approve", "{}", reviewer.auth()), 409,
        "LISTING_NOT_PENDING_REVIEW");

    JsonNode rejected = get(partnerReviewer, id);
    assertThat(rejected.get("status").asString()).isEqualTo("rejected");
    assertThat(rejected.get("reviewComment").asString()).isEqualTo("Photos are blurry");
    assertThat(awaitMail(partnerReviewer.email(), "Listing Rejected")).contains("Photos are blurry");
  }

  @Test
  void aListingUnderReviewCannotChangeUntilItsOwnerWithdrawsIt() {
    String id = pendingListing(partner, randomWord());

    assertProblem(http.sendJson("PATCH", "/api/listings/" + id, "{\"price\": 1}", partner.auth()), 409,
        "LISTING_NOT_EDITABLE");
    Account stranger = accounts.create("stranger", "USER", "PARTNER");
    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/withdraw", "", stranger.auth()), 404,
        "LISTING_NOT_FOUND");
    assertProblem(http.get("/api/listings/" + id, stranger.auth()), 404, "LISTING_NOT_FOUND");

    JsonNode withdrawn = ok(http.sendJson("POST", "/api/listings/" + id + "/withdraw", "", partner.auth()), 200);
    assertThat(withdrawn.get("status").asString()).isEqualTo("draft");
    assertThat(withdrawn.get("inReview").asBoolean()).isFalse();

    JsonNode changed = ok(http.sendJson("PATCH", "/api/listings/" + id, "{\"price\": 1500.50}", partner.auth()),
        200);
    assertThat(changed.get("price").decimalValue()).isEqualByComparingTo("1500.50");
    assertThat(changed.at("/location/city").asString()).as("fields left out keep their value").startsWith("Faro");
  }

  @Test
  void renewingMovesTheExpiryAndUnpublishingTakesTheListingOutOfSearch() {
    String word = randomWord();
    String id = pendingListing(partner, word);
    JsonNode approved = ok(http.sendJson("POST", "/api/listings/" + id + "/approve", "", reviewer.auth()), 200);
    Instant expiresAt = Instant.parse(approved.get("expiresAt").asString());

    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/renew", "{\"days\": 0}", partner.auth()), 400,
        "VALIDATION_FAILED");
    JsonNode renewed = ok(http.sendJson("POST", "/api/listings/" + id + "/renew", "{\"days\": 10}", partner.auth()),
        200);
    assertThat(Instant.parse(renewed.get("expiresAt").asString())).isEqualTo(expiresAt.plus(Duration.ofDays(10)));

    JsonNode unpublished = ok(http.sendJson("POST", "/api/listings/" + id + "/unpublish", "", partner.auth()), 200);
    assertThat(unpublished.get("status").asString()).isEqualTo("expired");
    assertThat(search("q=" + word).get("total").asLong()).isZero();
    assertProblem(http.sendJson("POST", "/api/listings/" + id + "/renew", "{\"days\": 10}", partner.auth()), 409,
        "LISTING_NOT_LIVE");
  }

  @Test
  void reindexPutsLiveListingsBackIntoAnIndexDeletedByHand() {
    String word = randomWord();
    String id = pendingListing(partner, word);
    ok(http.sendJson("POST", "/api/listings/" + id + "/approve", "", reviewer.auth()), 200);
    assertThat(search("q=" + word).get("total").asLong()).isEqualTo(1);

    HttpResponse<String> deleted = new TestHttp(OpenSearchNode.url()).send("DELETE", "/" + INDEX);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(search("q=" + word).get("total").asLong()).isZero();

    assertProblem(http.sendJson("POST", "/api/admin/search/reindex", "", partner.auth()), 403, "FORBIDDEN");
    JsonNode started = ok(http.sendJson("POST", "/api/admin/search/reindex", "", accounts.admin().auth()), 202);
    assertThat(started.get("workflowId").asString()).startsWith("search-reindex");

    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (!found(word)) {
      assertThat(Instant.now()).as("listing searchable again after reindex").isBefore(deadline);
      pause();
    }
  }

  /**
   * Whether a search finds the word; while the reindex creates the index again, its shard is not
   * started for a moment and the search engine answers 503.
   */
  private boolean found(String word) {
    HttpResponse<String> response = http.get("/api/search/listings?q=" + word);
    if (response.statusCode() == 503) {
      return false;
    }
    return ok(response, 200).get("total").asLong() == 1;
  }

  @Test
  void reconciliationRestartsALostExpirationWorkflowAndExpiresAnOverdueListing() {
    String liveWord = randomWord();
    String live = pendingListing(partner, liveWord);
    String overdue = pendingListing(partner, randomWord());
    ok(http.sendJson("POST", "/api/listings/" + live + "/approve", "", reviewer.auth()), 200);
    ok(http.sendJson("POST", "/api/listings/" + overdue + "/approve", "", reviewer.auth()), 200);
    for (String id : List.of(live, overdue)) {
      client.newUntypedWorkflowStub("listing-expiration-" + id).terminate("lost, for the test");
    }
    jdbc.sql("update listings set expires_at = :past where id = :id")
        .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1))
        .param("id", UUID.fromString(overdue))
        .update();

    ListingMaintenance.Reconciliation first = maintenance.reconcile();

    assertThat(first.restarted()).as("every approved listing of every suite counts").isGreaterThanOrEqualTo(1);
    assertThat(first.expired()).isGreaterThanOrEqualTo(1);
    awaitListing(partner, overdue, listing -> "expired".equals(listing.get("status").asString()));
    assertThat(get(partner, live).get("status").asString()).isEqualTo("approved");
    assertThat(search("q=" + liveWord).get("total").asLong()).isEqualTo(1);
    JsonNode renewed = ok(http.sendJson("POST", "/api/listings/" + live + "/renew", "{\"days\": 1}",
        partner.auth()), 200);
    assertThat(renewed.get("status").asString()).as("the restarted workflow answers updates").isEqualTo("approved");
    assertThat(maintenance.reconcile()).as("nothing left to repair").isEqualTo(new ListingMaintenance.Reconciliation(0, 0));
  }

  /** A listing with every rule met and a score of 0.9, submitted and waiting for a reviewer. */
  private String pendingListing(Account owner, String word) {
    String id = create(owner, validListing("Harbour view flat " + word, "Faro" + randomWord(), 3));
    ok(http.sendJson("POST", "/api/listings/" + id + "/submit", "", owner.auth()), 202);
    awaitListing(owner, id, listing -> "pending_review".equals(listing.get("status").asString()));
    return id;
  }

  private static Map<String, Object> validListing(String title, String city, int images) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      urls.add("https://images.partner-platform.test/" + UUID.randomUUID() + ".jpg");
    }
    return Map.of("title", title, "description", LONG_DESCRIPTION, "price", 1250, "currency", "EUR",
        "propertyType", "apartment",
        "location", Map.of("address", "Rua das Flores 12", "city", city, "state", "Norte", "country", "PT",
            "postalCode", "4050-265", "lat", 41.1456, "lng", -8.6109),
        "images", urls, "attributes", Map.of("bedrooms", 2, "bathrooms", 1, "area", 84.5));
  }

  private String create(Account owner, Map<String, Object> listing) {
    HttpResponse<String> created = http.sendJson("POST", "/api/listings", JSON.writeValueAsString(listing),
        owner.auth());
    JsonNode body = ok(created, 201);
    assertThat(body.get("status").asString()).isEqualTo("draft");
    return body.get("id").asString();
  }

  private JsonNode get(Account caller, String id) {
    return ok(http.get("/api/listings/" + id, caller.auth()), 200);
  }

  private JsonNode awaitListing(Account caller, String id, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    JsonNode listing = get(caller, id);
    while (!condition.test(listing)) {
      assertThat(Instant.now()).as("listing %s settles; last seen %s", id, listing).isBefore(deadline);
      pause();
      listing = get(caller, id);
    }
    return listing;
  }

  private JsonNode search(String query) {
    return ok(http.get("/api/search/listings?" + query), 200);
  }

  /** The text of the first mail to {@code to} with this subject, once it has arrived. */
  private String awaitMail(String to, String subject) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      for (JsonNode mail : ok(http.get("/api/dev/mailbox", accounts.admin().auth()), 200)) {
        if (mail.get("subject").asString().equals(subject) && mail.get("to").toString().contains(to)) {
          return mail.get("text").asString();
        }
      }
      assertThat(Instant.now()).as("mail '%s' to %s", subject, to).isBefore(deadline);
      pause();
    }
  }

  private static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return TestHttp.json(response);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(TestHttp.json(response).get("code").asString()).isEqualTo(code);
  }

  /** Letters only, so every analyzer keeps it one searchable word. */
  private static String randomWord() {
    StringBuilder word = new StringBuilder("zq");
    for (int i = 0; i < 10; i++) {
      word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return word.toString();
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
