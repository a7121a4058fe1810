package com.partnerplatform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnerplatform.platform.security.AccessTokens;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.temporal.WorkerRegistration;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow operations API over HTTP, as an administrator: the canary on every queue, then
 * signals, queries, updates, cancel and terminate on a long-running test workflow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + WorkflowOperationsIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + WorkflowOperationsIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class WorkflowOperationsIT {

  static final String ADMIN_EMAIL = "ops-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "ops-admin-password-for-its";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

  @TestConfiguration(proxyBeanMethods = false)
  static class ProbeWorkers {

    @Bean
    WorkerRegistration probeWorkers() {
      return WorkerRegistration.on(DomainQueue.USERS, List.of(ProbeWorkflowImpl.class), List.of());
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  AccessTokens accessTokens;
  @Autowired
  WorkflowClient workflowClient;
  @Autowired
  TemporalEngine engine;
  @Autowired
  TemporalSettings settings;

  private final HttpClient http = HttpClient.newHttpClient();
  private String adminToken;

  @BeforeEach
  void signInAsAdmin() throws Exception {
    HttpResponse<String> login = send("POST", "/api/auth/login", null,
        JSON.writeValueAsString(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    adminToken = JSON.readTree(login.body()).get("accessToken").asString();
  }

  @Test
  void canaryAnswersOnEveryQueueAndItsExecutionIsReadable() throws Exception {
    HttpResponse<String> response = send("POST", "/api/workflows/canary", adminToken, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("allOk").asBoolean()).isTrue();
    List<String> domains = new ArrayList<>();
    for (JsonNode queue : body.get("queues")) {
      String domain = queue.get("domain").asString();
      domains.add(domain);
      assertThat(queue.get("status").asString()).isEqualTo("ok");
      assertThat(queue.get("taskQueue").asString()).isEqualTo(settings.taskQueues().get(domain));
      assertThat(queue.get("workflowId").asString()).startsWith("canary-" + domain + "-");
      assertThat(queue.get("latencyMs").asLong()).isNotNegative();
      assertThat(queue.get("error").isNull()).isTrue();
    }
    assertThat(domains).containsExactly("users", "payments", "listings", "analytics");

    String workflowId = body.get("queues").get(1).get("workflowId").asString();
    JsonNode described = json(send("GET", "/api/workflows/" + workflowId, adminToken, null), 200);
    assertThat(described.get("type").asString()).isEqualTo("CanaryWorkflow");
    assertThat(described.get("status").asString()).isEqualTo("Completed");
    assertThat(described.get("taskQueue").asString()).isEqualTo(settings.taskQueue(DomainQueue.PAYMENTS));
    assertThat(described.get("closeTime").isNull()).isFalse();
    assertThat(described.get("historyLength").asLong()).isGreaterThan(5);
    assertThat(described.get("pendingActivities")).isEmpty();

    HttpResponse<String> history = send("GET", "/api/workflows/" + workflowId + "/history", adminToken, null);
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    // The export is in the format replay tests load their recorded histories from.
    WorkflowExecutionHistory parsed = WorkflowExecutionHistory.fromJson(history.body());
    assertThat(parsed.getEvents()).hasSize(described.get("historyLength").asInt());
    assertThat(parsed.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName())
        .isEqualTo("CanaryWorkflow");
    assertThat(parsed.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(history.body()).contains("CanaryServingTaskQueue");
  }

  @Test
  void listFindsTheCanaryByVisibilityQuery() throws Exception {
    assumeTrue(engine.supportsServerFeatures(), "visibility queries need a Temporal server");
    JsonNode canary = json(send("POST", "/api/workflows/canary", adminToken, null), 200);
    String workflowId = canary.get("queues").get(0).get("workflowId").asString();
    String query = "WorkflowId='" + workflowId + "'";

    JsonNode items = awaitListed(query);

    assertThat(items).hasSize(1);
    JsonNode item = items.get(0);
    assertThat(item.get("workflowId").asString()).isEqualTo(workflowId);
    assertThat(item.get("type").asString()).isEqualTo("CanaryWorkflow");
    assertThat(item.get("status").asString()).isEqualTo("Completed");
    assertThat(item.get("taskQueue").asString()).isEqualTo(settings.taskQueue(DomainQueue.USERS));
    assertThat(item.get("runId").asString()).isNotBlank();
    assertThat(item.get("startTime").isNull()).isFalse();
  }

  @Test
  void listPagesThroughResultsWithTheReturnedToken() throws Exception {
    assumeTrue(engine.supportsServerFeatures(), "visibility queries need a Temporal server");
    String marker = UUID.randomUUID().toString();
    String first = startProbe("probe-page-a-" + marker);
    String second = startProbe("probe-page-b-" + marker);
    String query = "WorkflowId='" + first + "' OR WorkflowId='" + second + "'";
    awaitListedCount(query, 2);

    JsonNode page1 = json(send("GET", listPath(query, 1, null), adminToken, null), 200);
    String token = page1.get("nextPageToken").asString();
    JsonNode page2 = json(send("GET", listPath(query, 1, token), adminToken, null), 200);

    assertThat(page1.get("items")).hasSize(1);
    assertThat(page2.get("items")).hasSize(1);
    assertThat(List.of(page1.get("items").get(0).get("workflowId").asString(),
        page2.get("items").get(0).get("workflowId").asString())).containsExactlyInAnyOrder(first, second);
    terminate(first);
    terminate(second);
  }

  @Test
  void invalidVisibilityQueryIsABadRequestWithTheServersMessage() throws Exception {
    assumeTrue(engine.supportsServerFeatures(), "visibility queries need a Temporal server");

    HttpResponse<String> response = send("GET", listPath("WorkflowType = = 'x'", 20, null), adminToken, null);

    JsonNode problem = problem(response, 400, "INVALID_QUERY");
    assertThat(problem.get("detail").asString()).isNotBlank();
  }

  @Test
  void inMemoryEngineExplainsThatListingNeedsAServer() throws Exception {
    assumeFalse(engine.supportsServerFeatures(), "only the in-memory engine refuses visibility queries");

    HttpResponse<String> response = send("GET", listPath("WorkflowType='CanaryWorkflow'", 20, null), adminToken, null);

    assertThat(problem(response, 503, "NOT_SUPPORTED_BY_ENGINE").get("detail").asString())
        .contains("Temporal server");
  }

  @Test
  void pageSizeAboveTheMaximumIsRefused() throws Exception {
    problem(send("GET", listPath("", 101, null), adminToken, null), 400, "VALIDATION_FAILED");
  }

  @Test
  void signalQueryAndUpdateReachTheRunningWorkflow() throws Exception {
    String workflowId = startProbe("probe-handlers-" + UUID.randomUUID());
    String base = "/api/workflows/" + workflowId;

    assertThat(send("POST", base + "/signals/add", adminToken, "\"first\"").statusCode()).isEqualTo(202);
    assertThat(send("POST", base + "/signals/add", adminToken, "[\"second\"]").statusCode()).isEqualTo(202);
    HttpResponse<String> query = send("POST", base + "/queries/items", adminToken, null);
    assertThat(query.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(json(query, 200)).containsExactly(JSON.readTree("\"first\""), JSON.readTree("\"second\""));

    JsonNode count = json(send("POST", base + "/updates/addAndCount", adminToken, "\"third\""), 200);
    assertThat(count.asInt()).isEqualTo(3);

    JsonNode rejected = problem(send("POST", base + "/updates/addAndCount", adminToken, "\" \""), 400,
        "UPDATE_FAILED");
    assertThat(rejected.get("detail").asString()).contains("item must not be blank");
    JsonNode unknownUpdate = problem(send("POST", base + "/updates/nope", adminToken, null), 400, "UPDATE_FAILED");
    assertThat(unknownUpdate.get("detail").asString()).contains("nope");
    JsonNode unknownQuery = problem(send("POST", base + "/queries/nope", adminToken, null), 400, "QUERY_FAILED");
    assertThat(unknownQuery.get("detail").asString()).contains("nope");
    problem(send("POST", base + "/signals/add", adminToken, "{not json"), 400, "MALFORMED_BODY");

    assertThat(json(send("POST", base + "/queries/items", adminToken, null), 200)).hasSize(3);
    assertThat(json(send("GET", base, adminToken, null), 200).get("status").asString()).isEqualTo("Running");
    terminate(workflowId);
  }

  @Test
  void cancelEndsARunningWorkflowAndThenConflicts() throws Exception {
    String workflowId = startProbe("probe-cancel-" + UUID.randomUUID());
    String base = "/api/workflows/" + workflowId;

    assertThat(send("POST", base + "/cancel", adminToken, null).statusCode()).isEqualTo(202);

    assertThat(awaitClosed(workflowId)).isEqualTo("Canceled");
    problem(send("POST", base + "/cancel", adminToken, null), 409, "WORKFLOW_NOT_RUNNING");
    problem(send("POST", base + "/signals/add", adminToken, "\"late\""), 409, "WORKFLOW_NOT_RUNNING");
    problem(send("POST", base + "/updates/addAndCount", adminToken, "\"late\""), 409, "WORKFLOW_NOT_RUNNING");
    assertThat(json(send("POST", base + "/queries/items", adminToken, null), 200)).isEmpty();
  }

  @Test
  void terminateNeedsAReasonAndThenConflicts() throws Exception {
    String workflowId = startProbe("probe-terminate-" + UUID.randomUUID());
    String path = "/api/workflows/" + workflowId + "/terminate";

    problem(send("POST", path, adminToken, "{\"reason\":\" \"}"), 400, "VALIDATION_FAILED");
    problem(send("POST", path, adminToken, null), 400, "MALFORMED_BODY");
    assertThat(json(send("GET", "/api/workflows/" + workflowId, adminToken, null), 200).get("status").asString())
        .isEqualTo("Running");

    assertThat(send("POST", path, adminToken, "{\"reason\":\"operations test\"}").statusCode()).isEqualTo(202);

    assertThat(awaitClosed(workflowId)).isEqualTo("Terminated");
    assertThat(send("GET", "/api/workflows/" + workflowId + "/history", adminToken, null).body())
        .contains("operations test");
    problem(send("POST", path, adminToken, "{\"reason\":\"again\"}"), 409, "WORKFLOW_NOT_RUNNING");
  }

  @Test
  void unknownExecutionIsNotFound() throws Exception {
    String base = "/api/workflows/no-such-workflow-" + UUID.randomUUID();

    problem(send("GET", base, adminToken, null), 404, "WORKFLOW_NOT_FOUND");
    problem(send("GET", base + "/history", adminToken, null), 404, "WORKFLOW_NOT_FOUND");
    problem(send("POST", base + "/signals/add", adminToken, "\"x\""), 404, "WORKFLOW_NOT_FOUND");
    problem(send("POST", base + "/queries/items", adminToken, null), 404, "WORKFLOW_NOT_FOUND");
    problem(send("POST", base + "/cancel", adminToken, null), 404, "WORKFLOW_NOT_FOUND");
    problem(send("POST", base + "/terminate", adminToken, "{\"reason\":\"x\"}"), 404, "WORKFLOW_NOT_FOUND");
  }

  @Test
  void onlyAdministratorsMayUseTheApi() throws Exception {
    String userToken = tokenWithRoles("USER", "REVIEWER");
    String workflowId = startProbe("probe-forbidden-" + UUID.randomUUID());

    problem(send("GET", listPath("", 20, null), userToken, null), 403, "FORBIDDEN");
    problem(send("GET", "/api/workflows/" + workflowId, userToken, null), 403, "FORBIDDEN");
    problem(send("POST", "/api/workflows/canary", userToken, null), 403, "FORBIDDEN");
    problem(send("POST", "/api/workflows/" + workflowId + "/terminate", userToken, "{\"reason\":\"x\"}"), 403,
        "FORBIDDEN");
    problem(send("POST", "/api/workflows/" + workflowId + "/cancel", null, null), 401, "UNAUTHENTICATED");

    assertThat(json(send("GET", "/api/workflows/" + workflowId, adminToken, null), 200).get("status").asString())
        .isEqualTo("Running");
    terminate(workflowId);
  }

  @Test
  void everyEndpointIsDocumentedAsAdminOnlyWithTheBearerScheme() throws Exception {
    JsonNode paths = json(send("GET", "/v3/api-docs", null, null), 200).get("paths");

    for (String path : List.of("/api/workflows", "/api/workflows/{workflowId}",
        "/api/workflows/{workflowId}/history", "/api/workflows/{workflowId}/signals/{name}",
        "/api/workflows/{workflowId}/queries/{name}", "/api/workflows/{workflowId}/updates/{name}",
        "/api/workflows/{workflowId}/cancel", "/api/workflows/{workflowId}/terminate", "/api/workflows/canary")) {
      assertThat(paths.has(path)).as(path).isTrue();
      for (JsonNode operation : paths.get(path)) {
        assertThat(operation.get("tags").get(0).asString()).isEqualTo("Workflow operations");
        assertThat(operation.get("security").get(0).has("bearer")).as(path).isTrue();
      }
    }
  }

  private String startProbe(String workflowId) {
    WorkflowClient.start(workflowClient.newWorkflowStub(ProbeWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(settings.taskQueue(DomainQueue.USERS))
        .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
        .build())::run);
    return workflowId;
  }

  private void terminate(String workflowId) throws Exception {
    assertThat(send("POST", "/api/workflows/" + workflowId + "/terminate", adminToken,
        "{\"reason\":\"test cleanup\"}").statusCode()).isEqualTo(202);
  }

  private String awaitClosed(String workflowId) throws Exception {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      String status = json(send("GET", "/api/workflows/" + workflowId, adminToken, null), 200)
          .get("status").asString();
      if (!"Running".equals(status) || Instant.now().isAfter(deadline)) {
        return status;
      }
      Thread.sleep(100);
    }
  }

  /** Visibility is updated asynchronously, so a fresh execution may take a moment to be listed. */
  private JsonNode awaitListed(String query) throws Exception {
    return awaitListedCount(query, 1);
  }

  private JsonNode awaitListedCount(String query, int count) throws Exception {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      JsonNode items = json(send("GET", listPath(query, 20, null), adminToken, null), 200).get("items");
      if (items.size() >= count || Instant.now().isAfter(deadline)) {
        return items;
      }
      Thread.sleep(200);
    }
  }

  private static String listPath(String query, int pageSize, String nextPageToken) {
    return "/api/workflows?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&pageSize=" + pageSize
        + (nextPageToken == null ? "" : "&nextPageToken=" + URLEncoder.encode(nextPageToken, StandardCharsets.UTF_8));
  }

  private String tokenWithRoles(String... roles) {
    return accessTokens.issue(UUID.randomUUID(), "ops-" + UUID.randomUUID() + "@example.test", List.of(roles))
        .value();
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  private static JsonNode problem(HttpResponse<String> response, int expectedStatus, String code) {
    JsonNode problem = json(response, expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(problem.path("code").asString()).as(response.body()).isEqualTo(code);
    assertThat(response.body()).doesNotContain("\tat ", "Exception");
    return problem;
  }
}
