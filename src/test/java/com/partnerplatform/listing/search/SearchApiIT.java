package com.partnerplatform.listing.search;

import static com.partnerplatform.listing.search.Listings.BERLIN_LAT;
import static com.partnerplatform.listing.search.Listings.BERLIN_LNG;
import static com.partnerplatform.listing.search.Listings.listing;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The search API of the running application, with its embedded Lucene index, called without any
 * login. Listings are indexed in a city of this test's own, since test contexts share their index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class SearchApiIT {

  @LocalServerPort
  int port;

  @Autowired
  SearchIndex searchIndex;

  TestHttp http;
  String city;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    city = "Search City " + UUID.randomUUID();
  }

  @Test
  void anyoneFindsPublishedListingsWithFacetsButWithoutTheirOwners() {
    ListingDocument cheapFlat = inTestCity().price("150000").title("Loft near the river").build();
    ListingDocument dearFlat = inTestCity().price("450000").build();
    ListingDocument house = inTestCity().price("300000").propertyType("house").build();
    searchIndex.indexAll(List.of(cheapFlat, dearFlat, house));

    HttpResponse<String> response = http.get("/api/search/listings?city=" + encoded(city.toUpperCase())
        + "&sort=price_asc&size=2&near=" + BERLIN_LAT + "," + BERLIN_LNG + "&radiusKm=5");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode page = TestHttp.json(response);
    assertThat(page.path("total").asLong()).isEqualTo(3);
    assertThat(page.path("items").valueStream().map(item -> item.path("id").asString()))
        .containsExactly(cheapFlat.id().toString(), house.id().toString());
    assertThat(page.path("facets").path("city").path(city).asLong()).isEqualTo(3);
    assertThat(page.path("facets").path("propertyType").path("apartment").asLong()).isEqualTo(2);
    assertThat(page.path("facets").path("propertyType").path("house").asLong()).isEqualTo(1);

    JsonNode item = page.path("items").get(0);
    assertThat(item.path("title").asString()).isEqualTo("Loft near the river");
    assertThat(item.path("price").decimalValue()).isEqualByComparingTo("150000");
    assertThat(item.path("currency").asString()).isEqualTo("EUR");
    assertThat(item.path("location").path("city").asString()).isEqualTo(city);
    assertThat(item.path("location").path("lat").asDouble()).isEqualTo(BERLIN_LAT);
    assertThat(item.path("attributes").path("bedrooms").asInt()).isEqualTo(2);
    assertThat(item.path("images").size()).isEqualTo(2);
    assertThat(item.path("publishedAt").asString()).isEqualTo(cheapFlat.publishedAt().toString());
    assertThat(response.body()).doesNotContain("ownerId").doesNotContain(cheapFlat.ownerId().toString());
  }

  @Test
  void invalidParametersAreRefusedWithoutALogin() {
    HttpResponse<String> response = http.get("/api/search/listings?size=0&sort=cheapest&near=somewhere");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = TestHttp.json(response);
    assertThat(problem.path("code").asString()).isEqualTo("VALIDATION_FAILED");
    assertThat(problem.path("errors").valueStream().map(error -> error.path("field").asString()))
        .containsExactlyInAnyOrder("size", "sort", "near");
  }

  @Test
  void theSearchEngineReportsItsHealth() {
    searchIndex.index(inTestCity().build());

    JsonNode search = TestHttp.json(http.get("/actuator/health")).path("components").path("search");

    assertThat(search.path("status").asString()).isEqualTo("UP");
    assertThat(search.path("details").path("engine").asString()).isEqualTo("lucene");
    assertThat(search.path("details").path("documents").asLong()).isEqualTo(searchIndex.count());
  }

  @Test
  void theApiDocumentDescribesTheSearchAndItsParameters() {
    JsonNode search = TestHttp.json(http.get("/v3/api-docs")).path("paths").path("/api/search/listings").path("get");

    assertThat(search.path("tags").valueStream().map(JsonNode::asString)).containsExactly("Search");
    assertThat(search.path("parameters").valueStream().map(parameter -> parameter.path("name").asString()))
        .containsExactlyInAnyOrder("q", "city", "state", "propertyType", "minPrice", "maxPrice", "minBedrooms",
            "near", "radiusKm", "sort", "page", "size");
  }

  /** A listing of this test's city, live by the application's (real) clock. */
  private Listings inTestCity() {
    return listing().city(city, "Berlin").expiresAt(Instant.now().plus(Duration.ofDays(30)));
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
