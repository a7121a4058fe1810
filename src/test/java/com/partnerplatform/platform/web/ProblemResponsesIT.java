package com.partnerplatform.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.security.AccessTokens;
import com.partnerplatform.platform.temporal.TemporalEngine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The platform's HTTP surface as a client sees it: every error is an {@code application/problem+json}
 * document with a stable code and no internals, requests carry an id, and health, metrics and API
 * docs are served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class ProblemResponsesIT {

  private static final String PROBE = "/api/test/problem-probe";
  private static final String PROBLEM_JSON = "application/problem+json";

  @LocalServerPort
  int port;

  @Autowired
  AccessTokens accessTokens;

  @Autowired
  TemporalEngine engine;

  TestHttp http;
  String authorization;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    UUID userId = UUID.randomUUID();
    authorization = "Bearer "
        + accessTokens.issue(userId, "problem-probe-" + userId + "@example.com", List.of("USER")).value();
  }

  @Test
  void anUnknownPathIsANotFoundProblem() {
    HttpResponse<String> response = http.get("/api/no-such-resource", "Authorization", authorization);

    assertProblem(response, 404, "NOT_FOUND");
  }

  @Test
  void aWrongMethodIsAMethodNotAllowedProblem() {
    HttpResponse<String> response = http.sendJson("PUT", PROBE, "{}", "Authorization", authorization);

    assertProblem(response, 405, "METHOD_NOT_ALLOWED");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\": ", "{\"name\": [\"not\", \"a\", \"string\"], \"quantity\": 1}", "[]"})
  void aMalformedBodyIsABadRequestProblemThatLeaksNoInternals(String body) {
    HttpResponse<String> response = http.sendJson("POST", PROBE, body, "Authorization", authorization);

    assertProblem(response, 400, "MALFORMED_BODY");
    assertThat(response.body())
        .doesNotContainPattern("\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework"
            + "|com\\.partnerplatform)\\.")
        .doesNotContain("Exception");
  }

  @Test
  void invalidFieldsAreListedOneByOne() {
    HttpResponse<String> response =
        http.sendJson("POST", PROBE, "{\"name\": \" \", \"quantity\": 0}", "Authorization", authorization);

    assertProblem(response, 400, "VALIDATION_FAILED");
    assertThat(TestHttp.json(response).path("errors").valueStream()
            .map(error -> error.path("field").asString()))
        .containsExactlyInAnyOrder("name", "quantity");
  }

  @Test
  void aCallersRequestIdIsEchoedAndOtherwiseOneIsGenerated() {
    assertThat(http.get("/actuator/health", "X-Request-Id", "client-42.retry:1").headers()
        .firstValue("X-Request-Id")).hasValue("client-42.retry:1");

    String generated = http.get("/actuator/health").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(UUID.fromString(generated)).isNotNull();

    String replaced = http.get("/actuator/health", "X-Request-Id", "not acceptable; <script>")
        .headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(UUID.fromString(replaced)).isNotNull();
  }

  @Test
  void problemsCarryTheRequestId() {
    HttpResponse<String> response =
        http.get("/api/no-such-resource", "Authorization", authorization, "X-Request-Id", "trace-me");

    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-me");
  }

  @Test
  void prometheusExportsTemporalAndHttpServerMetrics() {
    http.get("/actuator/health");

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      HttpResponse<String> metrics = http.get("/actuator/prometheus");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .containsPattern("(?m)^temporal_\\w+")
          .containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/actuator/health\"");
    });
  }

  @Test
  void theOpenApiDocumentIsServed() {
    HttpResponse<String> response = http.get("/v3/api-docs");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(TestHttp.json(response).path("openapi").asString()).startsWith("3.");
  }

  @Test
  void healthIsUpWithTheDatabaseAndTemporal() {
    HttpResponse<String> response = http.get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = TestHttp.json(response);
    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    JsonNode temporal = health.path("components").path("temporal");
    assertThat(temporal.path("status").asString()).isEqualTo("UP");
    assertThat(temporal.path("details").path("address").asString()).isEqualTo(engine.address());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith(PROBLEM_JSON));
    JsonNode problem = TestHttp.json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("code").asString()).isEqualTo(code);
  }

  /** A JSON endpoint of the test's own, so these checks do not depend on any domain's API. */
  @TestConfiguration(proxyBeanMethods = false)
  static class ProbeEndpoint {
    @Bean
    ProbeController problemProbeController() {
      return new ProbeController();
    }
  }

  @RestController
  static class ProbeController {
    record Order(@NotBlank String name, @Min(1) int quantity) {}

    @PostMapping(PROBE)
    Order accept(@Valid @RequestBody Order order) {
      return order;
    }
  }
}
