package com.partnerplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the OpenAPI document, called as anonymous, USER, PARTNER, REVIEWER and ADMIN
 * with made-up path ids and an empty JSON body, against the committed table
 * {@code access/expectations.csv}: 2xx, or the refusal's status. A 400 or 404 shows the caller got
 * past authorisation; 401 and 403 show it did not. The table must name every operation and no
 * other; the answers of this run are written to {@code target/access/actual.csv} for review.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + AccessMatrixIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + AccessMatrixIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class AccessMatrixIT {

  static final String ADMIN_EMAIL = "access-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-access-its";
  static final List<String> CALLERS = List.of("anonymous", "user", "partner", "reviewer", "admin");
  private static final String HEADER = "method,path," + String.join(",", CALLERS);
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort
  int port;

  @Test
  void everyOperationAnswersEachRoleAsTheTableSays() throws IOException {
    TestHttp http = new TestHttp(port);
    TestAccounts accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("anonymous", null);
    tokens.put("user", accounts.create("access-user").accessToken());
    tokens.put("partner", accounts.create("access-partner", "PARTNER").accessToken());
    tokens.put("reviewer", accounts.create("access-reviewer", "REVIEWER").accessToken());
    tokens.put("admin", accounts.admin().accessToken());

    JsonNode spec = TestHttp.json(http.get("/v3/api-docs"));
    Map<String, String> actual = new TreeMap<>();
    for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (!METHODS.contains(operation.getKey())) {
          continue;
        }
        String method = operation.getKey().toUpperCase();
        List<String> answers = new ArrayList<>();
        for (String token : tokens.values()) {
          answers.add(statusClass(call(method, concretePath(path.getKey(), operation.getValue()),
              operation.getValue().has("requestBody"), token)));
        }
        actual.put(method + "," + path.getKey(), String.join(",", answers));
      }
    }
    List<String> lines = new ArrayList<>(List.of(HEADER));
    actual.forEach((operation, answers) -> lines.add(operation + "," + answers));
    Path written = Path.of("target/access/actual.csv");
    Files.createDirectories(written.getParent());
    Files.write(written, lines);

    Map<String, String> expected = expectations();
    assertThat(actual.keySet()).as("operations of /v3/api-docs missing from access/expectations.csv"
        + " (see target/access/actual.csv)").isSubsetOf(expected.keySet());
    assertThat(expected.keySet()).as("operations in access/expectations.csv no longer in the API")
        .isSubsetOf(actual.keySet());
    List<String> mismatches = new ArrayList<>();
    actual.forEach((operation, answers) -> {
      if (!matches(expected.get(operation), answers)) {
        mismatches.add(operation + ": expected " + expected.get(operation) + ", got " + answers);
      }
    });
    assertThat(mismatches).as("answers differing from access/expectations.csv (" + HEADER + ")").isEmpty();
  }

  /** A cell may list alternatives, e.g. {@code 2xx|503} where the in-memory engine lacks a feature. */
  private static boolean matches(String expected, String actual) {
    String[] cells = expected.split(",");
    String[] answers = actual.split(",");
    for (int i = 0; i < cells.length; i++) {
      if (!List.of(cells[i].split("\\|")).contains(answers[i])) {
        return false;
      }
    }
    return cells.length == answers.length;
  }

  private static Map<String, String> expectations() throws IOException {
    try (InputStream in = AccessMatrixIT.class.getResourceAsStream("/access/expectations.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
      assertThat(lines.get(0)).isEqualTo(HEADER);
      Map<String, String> table = new TreeMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", 3);
        assertThat(table.put(cells[0] + "," + cells[1], cells[2])).as("duplicate row " + line).isNull();
      }
      return table;
    }
  }

  /** Path parameters get ids that exist nowhere: integers for integer ones, UUIDs for the rest. */
  private static String concretePath(String template, JsonNode operation) {
    String path = template;
    for (JsonNode parameter : operation.path("parameters")) {
      if ("path".equals(parameter.path("in").asString())) {
        String type = parameter.path("schema").path("type").asString();
        String value = "integer".equals(type) ? "987654321" : "0b6c4a8e-1d0c-4c1a-9a51-5d2f5e7c9f00";
        path = path.replace("{" + parameter.path("name").asString() + "}", value);
      }
    }
    return path;
  }

  private HttpResponse<InputStream> call(String method, String path, boolean body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
    if (body) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      // The body is not read: event streams stay open.
      HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String statusClass(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2 ? "2xx" : Integer.toString(response.statusCode());
  }
}
