package com.partnerplatform.analytics;

import static com.partnerplatform.platform.TestHttp.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Reports on demand over HTTP, with whichever engine and database the IT environment provides. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + AnalyticsApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + AnalyticsApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class AnalyticsApiIT {

  /** The analytics ITs' bootstrap admin: with the same one, they share one application context. */
  static final String ADMIN_EMAIL = "analytics-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-analytics-its";

  private static final String REPORTS = "/api/admin/reports";
  private static final String CLEANUP = "/api/admin/cleanup";

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  WorkflowClient client;

  private TestHttp http;
  private TestAccounts accounts;
  private Account admin;

  @BeforeEach
  void logIn() {
    http = new TestHttp(port);
    accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin = accounts.admin();
  }

  @Test
  void aReportOnDemandIsStoredWithTheDatabasesFiguresAndCanBeDownloadedAsPdfAndCsv() {
    Instant to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(Duration.ofDays(7));

    HttpResponse<String> started = post(REPORTS, Map.of("type", "platform", "from", from.toString(),
        "to", to.toString()));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String workflowId = TestHttp.json(started).get("workflowId").asString();
    assertThat(workflowId).startsWith("report-");
    JsonNode report = ReportChecks.awaitReport(http, admin,
        item -> item.get("workflowId").asString().equals(workflowId));
    assertThat(report.get("type").asString()).isEqualTo("platform");
    assertThat(Instant.parse(report.get("from").asString())).isEqualTo(from);
    assertThat(report.get("emailNote").asString()).contains(ADMIN_EMAIL, "attached");
    String text = ReportChecks.checkPdfAgainstDatabase(http, admin, report, jdbc);
    assertThat(text).contains("Workflow executions started in the period");

    HttpResponse<byte[]> csv = http.download(REPORTS + "/" + report.get("id").asString() + "/download?format=csv",
        admin.auth());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(
        "text/csv"));
    assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("section,metric,currency,value\n")
        .contains("users,Total users,,");
  }

  @Test
  void aCleanUpDeletesExactlyTheExpiredSessionsAfterBackingThemUpAndADryRunOnlyCounts() throws Exception {
    UUID user = insertUser();
    List<String> expired = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expired.add(insertToken(user, "1972-03-01T00:00:00Z", null));
    }
    expired.add(insertToken(user, "2999-01-01T00:00:00Z", "1972-02-01T00:00:00Z"));
    String kept = insertToken(user, "1974-01-01T00:00:00Z", null);
    // Older than the start of 1973: only this test's sessions are that old.
    int retentionDays = (int) Duration.between(Instant.parse("1973-01-01T00:00:00Z"), Instant.now()).toDays();

    CleanupSummary dry = cleanup(Map.of("type", "sessions", "retentionDays", retentionDays, "dryRun", true));
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.parts().get(0).identified()).isGreaterThanOrEqualTo(expired.size());
    assertThat(dry.parts().get(0).deleted()).isZero();
    assertThat(tokens(expired)).hasSize(expired.size());

    CleanupSummary done = cleanup(Map.of("type", "sessions", "retentionDays", retentionDays));
    CleanupSummary.Part part = done.parts().get(0);
    assertThat(part.deleted()).isEqualTo(part.identified());
    assertThat(tokens(expired)).isEmpty();
    assertThat(tokens(List.of(kept))).containsExactly(kept);
    List<String> backedUp = CleanupActivitiesTest.backedUpKeys(Path.of(part.backupDirectory()));
    assertThat(backedUp).containsAll(expired).doesNotContain(kept).doesNotHaveDuplicates().hasSize((int) part.deleted());
    assertThat(jdbc.sql("select deleted from cleanup_runs where backup_dir = :dir")
        .param("dir", part.backupDirectory()).query(Long.class).single()).isEqualTo(part.deleted());
  }

  @Test
  void badRequestsAreProblemsNamingWhatIsWrong() {
    assertProblem(post(CLEANUP, Map.of("type", "caches")), "UNKNOWN_CLEANUP_TYPE");
    assertProblem(post(CLEANUP, Map.of("type", "sessions", "retentionDays", 0)), "VALIDATION_FAILED");
    assertProblem(post(REPORTS, Map.of("type", "weekly", "from", "2026-11-01", "to", "2026-11-02")),
        "UNKNOWN_REPORT_TYPE");
    assertProblem(post(REPORTS, Map.of("type", "sales", "from", "2026-11-05", "to", "2026-11-02")),
        "INVALID_PERIOD");
    assertProblem(post(REPORTS, Map.of("type", "sales", "from", "yesterday", "to", "2026-11-02")),
        "INVALID_PERIOD");
    assertProblem(post(REPORTS, Map.of("type", "sales", "from", "2020-01-01", "to", "2026-11-02")),
        "PERIOD_TOO_LONG");
    assertProblem(post(REPORTS, Map.of("type", "sales")), "VALIDATION_FAILED");
    assertProblem(http.get(REPORTS + "?page=0&size=1000", admin.auth()), "INVALID_PAGE");
    HttpResponse<String> format = http.get(REPORTS + "/" + UUID.randomUUID() + "/download?format=xlsx", admin.auth());
    assertThat(format.statusCode()).isEqualTo(400);
    assertThat(TestHttp.json(format).get("code").asString()).isEqualTo("UNKNOWN_FORMAT");
    HttpResponse<String> missing = http.get(REPORTS + "/" + UUID.randomUUID() + "/download?format=pdf", admin.auth());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(missing).get("code").asString()).isEqualTo("REPORT_NOT_FOUND");
  }

  @Test
  void onlyAdminsSeeReports() {
    Account user = accounts.create("analytics-user");

    assertThat(http.get(REPORTS, user.auth()).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/admin/schedules", user.auth()).statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> post(String path, Object body) {
    return http.sendJson("POST", path, toJson(body), admin.auth());
  }

  private CleanupSummary cleanup(Map<String, Object> request) {
    HttpResponse<String> started = post(CLEANUP, request);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String workflowId = TestHttp.json(started).get("workflowId").asString();
    assertThat(workflowId).startsWith("cleanup-sessions-");
    return client.newUntypedWorkflowStub(workflowId).getResult(CleanupSummary.class);
  }

  private UUID insertUser() {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into users (id, email, password_hash, name, status, created_at, updated_at) "
            + "values (:id, :email, 'x', 'Old user', 'active', :at, :at)")
        .param("id", id)
        .param("email", "cleanup-" + id + "@example.com")
        .param("at", SqlTimestamps.of(Instant.parse("1971-01-01T00:00:00Z")))
        .update();
    return id;
  }

  private String insertToken(UUID user, String expiresAt, String revokedAt) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into refresh_tokens (id, token_hash, family_id, user_id, issued_at, expires_at, revoked_at) "
            + "values (:id, :hash, :id, :user, :issued, :expires, :revoked)")
        .param("id", id)
        .param("hash", id.toString().replace("-", "") + id.toString().replace("-", ""))
        .param("user", user)
        .param("issued", SqlTimestamps.of(Instant.parse("1972-01-01T00:00:00Z")))
        .param("expires", SqlTimestamps.of(Instant.parse(expiresAt)))
        .param("revoked", revokedAt == null ? null : SqlTimestamps.of(Instant.parse(revokedAt)))
        .update();
    return id.toString();
  }

  private List<String> tokens(List<String> ids) {
    return jdbc.sql("select id from refresh_tokens where id in (:ids)")
        .param("ids", ids.stream().map(UUID::fromString).toList())
        .query((rs, row) -> rs.getObject("id").toString())
        .list();
  }

  private static void assertProblem(HttpResponse<String> response, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(TestHttp.json(response).get("code").asString()).as(response.body()).isEqualTo(code);
  }
}
