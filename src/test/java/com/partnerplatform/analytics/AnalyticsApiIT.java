package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    "platform.security.admin-email=" + AdminApi.ADMIN_EMAIL,
    "platform.security.admin-password=" + AdminApi.ADMIN_PASSWORD})
@ActiveProfiles("it")
class AnalyticsApiIT {

  private static final String REPORTS = "/api/admin/reports";

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  private AdminApi api;

  @BeforeEach
  void logIn() {
    api = new AdminApi(port);
  }

  @Test
  void aReportOnDemandIsStoredWithTheDatabasesFiguresAndCanBeDownloadedAsPdfAndCsv() {
    Instant to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(Duration.ofDays(7));

    HttpResponse<String> started = api.post(REPORTS, Map.of("type", "platform", "from", from.toString(),
        "to", to.toString()));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String workflowId = AdminApi.json(started).get("workflowId").asString();
    assertThat(workflowId).startsWith("report-");
    JsonNode report = ReportChecks.awaitReport(api, item -> item.get("workflowId").asString().equals(workflowId));
    assertThat(report.get("type").asString()).isEqualTo("platform");
    assertThat(Instant.parse(report.get("from").asString())).isEqualTo(from);
    assertThat(report.get("emailNote").asString()).contains(AdminApi.ADMIN_EMAIL, "attached");
    String text = ReportChecks.checkPdfAgainstDatabase(api, report, jdbc);
    assertThat(text).contains("Workflow executions started in the period");

    HttpResponse<byte[]> csv = api.download(REPORTS + "/" + report.get("id").asString() + "/download?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(
        "text/csv"));
    assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("section,metric,currency,value\n")
        .contains("users,Total users,,");
  }

  @Test
  void badRequestsAreProblemsNamingWhatIsWrong() {
    assertProblem(api.post(REPORTS, Map.of("type", "weekly", "from", "2026-11-01", "to", "2026-11-02")),
        "UNKNOWN_REPORT_TYPE");
    assertProblem(api.post(REPORTS, Map.of("type", "sales", "from", "2026-11-05", "to", "2026-11-02")),
        "INVALID_PERIOD");
    assertProblem(api.post(REPORTS, Map.of("type", "sales", "from", "yesterday", "to", "2026-11-02")),
        "INVALID_PERIOD");
    assertProblem(api.post(REPORTS, Map.of("type", "sales", "from", "2020-01-01", "to", "2026-11-02")),
        "PERIOD_TOO_LONG");
    assertProblem(api.post(REPORTS, Map.of("type", "sales")), "VALIDATION_FAILED");
    assertProblem(api.get(REPORTS + "?page=0&size=1000"), "INVALID_PAGE");
    HttpResponse<String> format = api.get(REPORTS + "/" + UUID.randomUUID() + "/download?format=xlsx");
    assertThat(format.statusCode()).isEqualTo(400);
    assertThat(AdminApi.json(format).get("code").asString()).isEqualTo("UNKNOWN_FORMAT");
    HttpResponse<String> missing = api.get(REPORTS + "/" + UUID.randomUUID() + "/download?format=pdf");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(AdminApi.json(missing).get("code").asString()).isEqualTo("REPORT_NOT_FOUND");
  }

  @Test
  void onlyAdminsSeeReports() {
    String email = "analytics-user-" + UUID.randomUUID() + "@example.com";
    assertThat(api.http.sendJson("POST", "/api/auth/register", "{\"email\":\"" + email
        + "\",\"password\":\"correct horse battery\",\"name\":\"User\"}").statusCode()).isEqualTo(201);
    String user = api.login(email, "correct horse battery");

    assertThat(api.http.get(REPORTS, "Authorization", "Bearer " + user).statusCode()).isEqualTo(403);
    assertThat(api.http.get("/api/admin/schedules", "Authorization", "Bearer " + user).statusCode()).isEqualTo(403);
  }

  private static void assertProblem(HttpResponse<String> response, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(AdminApi.json(response).get("code").asString()).as(response.body()).isEqualTo(code);
  }
}
