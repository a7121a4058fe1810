package com.partnerplatform.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerplatform.platform.Polling;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One payment is one trace in a real Jaeger, across two processes: this test's application context
 * is the API ({@code platform.role=api}, no workers) and a second JVM started here is the worker
 * ({@code platform.role=worker}) that runs the saga, both exporting over OTLP. The trace holds the
 * API's HTTP span and workflow start and the worker's workflow run, its activities and, inside them,
 * their JDBC statements and the receipt's SMTP delivery. Needs Jaeger ({@code .ci/run} starts one) and
 * a Temporal server and database that both processes share; skipped otherwise.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.role=api",
    "platform.security.admin-email=" + TracingIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + TracingIT.ADMIN_PASSWORD,
    "OTEL_EXPORTER_OTLP_ENDPOINT=${PLATFORM_IT_JAEGER_OTLP_URL:}"})
@ActiveProfiles("it")
class TracingIT {

  static final String ADMIN_EMAIL = "tracing-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-the-tracing-it";
  private static final String SERVICE = "partner-platform";
  private static final Duration WORKER_STARTUP = Duration.ofMinutes(4);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
  /** What one paid order's trace holds, whichever process recorded it. */
  private static final Set<String> SAGA_OPERATIONS = Set.of("http post /api/orders/{id}/pay",
      "StartWorkflow:PaymentWorkflow", "RunWorkflow:PaymentWorkflow", "RunActivity:PaymentValidate",
      "RunActivity:PaymentReserveInventory", "RunActivity:PaymentCharge", "RunActivity:PaymentMarkPaid",
      "RunWorkflow:NotificationWorkflow", "RunActivity:NotificationSendEmail", "query", "smtp send");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static String jaegerQueryUrl;
  private static Process worker;
  private static Path workerLog;

  @LocalServerPort
  int port;
  @Autowired
  TemporalSettings temporal;

  @BeforeAll
  static void requireJaegerAndSharedServices() {
    jaegerQueryUrl = env("PLATFORM_IT_JAEGER_QUERY_URL");
    Assumptions.assumeTrue(jaegerQueryUrl != null && env("PLATFORM_IT_JAEGER_OTLP_URL") != null,
        "No Jaeger: set PLATFORM_IT_JAEGER_QUERY_URL (query API) and PLATFORM_IT_JAEGER_OTLP_URL (OTLP over"
            + " HTTP); .ci/run starts one from .tools/bin/jaeger");
    Assumptions.assumeTrue("external".equals(env("PLATFORM_IT_TEMPORAL_MODE")) && env("PLATFORM_IT_DATABASE_URL") != null,
        "The worker process shares the API's Temporal server and database: set PLATFORM_IT_TEMPORAL_MODE=external"
            + " and PLATFORM_IT_DATABASE_URL");
  }

  @AfterAll
  static void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.destroy();
      if (!worker.waitFor(30, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
  }

  @Test
  void aPaymentIsOneTraceFromTheApisHttpSpanThroughTheWorkersWorkflowActivitiesJdbcAndSmtp() throws IOException {
    startWorker();
    TestHttp http = new TestHttp(port);
    TestAccounts accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    Account buyer = accounts.create("tracing-buyer");
    String orderId = paidOrder(http, accounts.admin(), buyer);
    String workflowId = "payment-" + orderId;

    // Spans reach Jaeger in batches, the receipt's e-mail last: wait for the whole saga to be there.
    Optional<JsonNode> found = Polling.poll(SETTLE_TIMEOUT, () -> sagaTrace(workflowId),
        candidate -> candidate.isPresent() && operations(candidate.get()).containsAll(SAGA_OPERATIONS));
    assertThat(found).as("a trace in Jaeger that starts %s", workflowId).isPresent();
    JsonNode trace = found.get();
    assertThat(operations(trace)).as("the operations of trace %s", trace.get("traceID").asString())
        .containsAll(SAGA_OPERATIONS);

    JsonNode httpSpan = single(trace, "http post /api/orders/{id}/pay");
    assertThat(httpSpan.get("references")).as("the HTTP request starts the trace").isEmpty();
    assertThat(role(trace, httpSpan)).isEqualTo("api");
    JsonNode start = single(trace, "StartWorkflow:PaymentWorkflow");
    assertThat(role(trace, start)).isEqualTo("api");
    assertThat(ancestors(trace, start)).contains(httpSpan.get("spanID").asString());
    JsonNode run = single(trace, "RunWorkflow:PaymentWorkflow");
    assertThat(role(trace, run)).isEqualTo("worker");
    assertThat(ancestors(trace, run)).contains(start.get("spanID").asString());
    for (String activity : List.of("PaymentValidate", "PaymentReserveInventory", "PaymentCharge", "PaymentMarkPaid")) {
      JsonNode ran = single(trace, "RunActivity:" + activity);
      assertThat(role(trace, ran)).as(activity).isEqualTo("worker");
      assertThat(ancestors(trace, ran)).as(activity).contains(run.get("spanID").asString());
      assertThat(children(trace, ran, "query")).as("the statements of %s", activity).isNotEmpty();
    }
    JsonNode smtp = spans(trace, "smtp send").get(0);
    assertThat(role(trace, smtp)).isEqualTo("worker");
    assertThat(operation(trace, parent(smtp))).isEqualTo("RunActivity:NotificationSendEmail");
  }

  @Test
  void aProblemNamesTheTraceOfItsRequest() {
    HttpResponse<String> refused = new TestHttp(port).sendJson("POST", "/api/auth/login", "{\"email\":");
    assertThat(refused.statusCode()).isEqualTo(400);
    String traceId = TestHttp.json(refused).path("traceId").asString();
    assertThat(traceId).matches("[0-9a-f]{32}");

    // The HTTP span is exported when the request has ended, after the spans inside it.
    JsonNode trace = Polling.poll(SETTLE_TIMEOUT, () -> jaeger("/api/traces/" + traceId),
        found -> found.path("data").size() == 1
            && operations(found.path("data").path(0)).contains("http post /api/auth/login"))
        .path("data").path(0);
    assertThat(operations(trace)).as("trace %s", traceId).contains("http post /api/auth/login");
  }

  /** The worker role in a JVM of its own, on this context's task queues, Temporal server and database. */
  private void startWorker() throws IOException {
    int workerPort = freePort();
    Path dir = Files.createDirectories(Path.of("target", "tracing-it", "worker-" + workerPort));
    workerLog = dir.resolve("worker.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "com.partnerplatform.PartnerPlatformApplication")
        .redirectErrorStream(true)
        .redirectOutput(workerLog.toFile());
    Map<String, String> env = builder.environment();
    env.put("PLATFORM_ROLE", "worker");
    env.put("PORT", String.valueOf(workerPort));
    env.put("PLATFORM_DATA_DIR", dir.resolve("data").toString());
    env.put("LOG_DIR", dir.toString());
    env.put("DATABASE_URL", env("PLATFORM_IT_DATABASE_URL"));
    env.put("DATABASE_USERNAME", Optional.ofNullable(env("PLATFORM_IT_DATABASE_USERNAME")).orElse(""));
    env.put("DATABASE_PASSWORD", Optional.ofNullable(env("PLATFORM_IT_DATABASE_PASSWORD")).orElse(""));
    env.put("TEMPORAL_MODE", "external");
    env.put("TEMPORAL_ADDRESS", env("PLATFORM_IT_TEMPORAL_ADDRESS"));
    // The saga and its notifications; not the analytics queue, whose pollers would move the schedules.
    env.put("WORKER_TASK_QUEUES", "users,payments");
    env.put("TASK_QUEUE_USERS", temporal.taskQueue(DomainQueue.USERS));
    env.put("TASK_QUEUE_PAYMENTS", temporal.taskQueue(DomainQueue.PAYMENTS));
    env.put("SMTP_EMBEDDED_PORT", "0");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", env("PLATFORM_IT_JAEGER_OTLP_URL"));
    worker = builder.start();
    URI readiness = URI.create("http://127.0.0.1:" + workerPort + "/actuator/health/readiness");
    await().atMost(WORKER_STARTUP).pollInterval(Duration.ofSeconds(1)).until(() -> {
      assertThat(worker.isAlive()).as("the worker process runs; its log: %s", workerLog).isTrue();
      try {
        return HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  private static String paidOrder(TestHttp http, Account admin, Account buyer) {
    String sku = "SKU-" + UUID.randomUUID();
    HttpResponse<String> product = http.sendJson("POST", "/api/products", TestHttp.toJson(Map.of(
        "sku", sku, "name", "Traced " + sku, "price", "9.50", "currency", "USD", "stock", 2)), admin.auth());
    assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
    HttpResponse<String> order = http.sendJson("POST", "/api/orders", TestHttp.toJson(Map.of(
        "items", List.of(Map.of("sku", sku, "quantity", 1)), "currency", "USD")), buyer.auth());
    assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
    String id = TestHttp.json(order).get("id").asString();
    HttpResponse<String> pay = http.sendJson("POST", "/api/orders/" + id + "/pay", TestHttp.toJson(Map.of(
        "paymentMethod", Map.of("type", "card", "token", "4242424242424242"))), buyer.auth());
    assertThat(pay.statusCode()).as(pay.body()).isEqualTo(202);
    JsonNode paid = Polling.poll(SETTLE_TIMEOUT, () -> TestHttp.json(http.get("/api/orders/" + id, buyer.auth())),
        polled -> "paid".equals(polled.get("status").asString()));
    assertThat(paid.get("status").asString()).as(paid.toString()).isEqualTo("paid");
    return id;
  }

  /**
   * The one trace that started the workflow (reading the order's progress makes traces of their own
   * that name the workflow too).
   */
  private static Optional<JsonNode> sagaTrace(String workflowId) {
    String tags = URLEncoder.encode(JSON.writeValueAsString(Map.of("workflowId", workflowId)), StandardCharsets.UTF_8);
    JsonNode found = jaeger("/api/traces?service=" + SERVICE + "&tags=" + tags + "&lookback=1h&limit=100");
    assertThat(found.path("data").isArray()).as(found.toString()).isTrue();
    List<JsonNode> starting = new ArrayList<>();
    for (JsonNode trace : found.get("data")) {
      if (!spans(trace, "StartWorkflow:PaymentWorkflow").isEmpty()) {
        starting.add(trace);
      }
    }
    assertThat(starting).as("traces that start %s", workflowId).hasSizeLessThanOrEqualTo(1);
    return starting.stream().findFirst();
  }

  /** A GET of Jaeger's query API; its answer to an unknown trace is a 404 with an error body. */
  private static JsonNode jaeger(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(jaegerQueryUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build();
    try {
      return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> operations(JsonNode trace) {
    return StreamSupport.stream(trace.get("spans").spliterator(), false)
        .map(span -> span.get("operationName").asString())
        .collect(Collectors.toSet());
  }

  private static List<JsonNode> spans(JsonNode trace, String operation) {
    return StreamSupport.stream(trace.get("spans").spliterator(), false)
        .filter(span -> operation.equals(span.get("operationName").asString()))
        .toList();
  }

  private static JsonNode single(JsonNode trace, String operation) {
    List<JsonNode> found = spans(trace, operation);
    assertThat(found).as("spans named %s", operation).hasSize(1);
    return found.get(0);
  }

  /** The parent span's id (OpenTracing's follows-from counts, as Temporal's interceptors use it), or null. */
  private static String parent(JsonNode span) {
    JsonNode references = span.get("references");
    return references.isEmpty() ? null : references.get(0).get("spanID").asString();
  }

  private static List<String> ancestors(JsonNode trace, JsonNode span) {
    List<String> ancestors = new ArrayList<>();
    for (String id = parent(span); id != null; id = parent(byId(trace, id))) {
      ancestors.add(id);
    }
    return ancestors;
  }

  private static List<JsonNode> children(JsonNode trace, JsonNode of, String operation) {
    return spans(trace, operation).stream()
        .filter(span -> of.get("spanID").asString().equals(parent(span)))
        .toList();
  }

  private static JsonNode byId(JsonNode trace, String spanId) {
    return StreamSupport.stream(trace.get("spans").spliterator(), false)
        .filter(span -> spanId.equals(span.get("spanID").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("span " + spanId + " is not in the trace"));
  }

  private static String operation(JsonNode trace, String spanId) {
    return byId(trace, spanId).get("operationName").asString();
  }

  /** The {@code platform.role} resource attribute of the process that recorded the span. */
  private static String role(JsonNode trace, JsonNode span) {
    JsonNode process = trace.get("processes").get(span.get("processID").asString());
    for (JsonNode tag : process.get("tags")) {
      if ("platform.role".equals(tag.get("key").asString())) {
        return tag.get("value").asString();
      }
    }
    return null;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : value.strip().replaceAll("/+$", "");
  }
}
