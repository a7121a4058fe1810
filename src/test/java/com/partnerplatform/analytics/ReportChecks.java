package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.Polling;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Waits for a report over the API and checks its PDF against counts taken straight from the database. */
final class ReportChecks {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private ReportChecks() {}

  /** The newest stored report matching the condition, once the list shows it. */
  static JsonNode awaitReport(TestHttp http, Account admin, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> listed = http.get("/api/admin/reports?page=0&size=50", admin.auth());
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      JsonNode match = StreamSupport.stream(TestHttp.json(listed).get("items").spliterator(), false)
          .filter(condition).findFirst().orElse(null);
      if (match != null && !match.get("emailedAt").isNull()) {
        return match;
      }
      assertThat(Instant.now()).as("a report within %s: %s", WAIT, listed.body()).isBefore(deadline);
      Polling.sleep(Duration.ofMillis(500));
    }
  }

  /** Downloads the PDF, checks it opens and that its figures are the database's. */
  static String checkPdfAgainstDatabase(TestHttp http, Account admin, JsonNode report, JdbcClient jdbc) {
    HttpResponse<byte[]> download = http.download("/api/admin/reports/" + report.get("id").asString()
        + "/download?format=pdf", admin.auth());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
    byte[] pdf = download.body();
    assertThat(new String(pdf, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
    String text;
    try {
      text = ReportRendererTest.text(pdf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant from = Instant.parse(report.get("from").asString());
    Instant to = Instant.parse(report.get("to").asString());
    assertThat(figure(text, "Total users")).isEqualTo(count(jdbc, "select count(*) from users where created_at < :to",
        from, to));
    assertThat(figure(text, "New users")).isEqualTo(count(jdbc,
        "select count(*) from users where created_at >= :from and created_at < :to", from, to));
    assertThat(figure(text, "Active users")).isEqualTo(count(jdbc,
        "select count(distinct user_id) from refresh_tokens where issued_at >= :from and issued_at < :to", from, to));
    assertThat(figure(text, "Listings submitted")).isEqualTo(count(jdbc,
        "select count(*) from listings where submitted_at >= :from and submitted_at < :to", from, to));
    assertThat(figure(text, "Orders placed")).isEqualTo(count(jdbc,
        "select count(*) from orders where created_at >= :from and created_at < :to", from, to));
    assertThat(figure(text, "Orders paid")).isEqualTo(count(jdbc,
        "select count(*) from orders where created_at >= :from and created_at < :to and status = 'paid'", from, to));
    assertThat(figure(text, "Suspended subscriptions")).isEqualTo(count(jdbc,
        "select count(*) from subscriptions where status = 'suspended'", from, to));
    return text;
  }

  private static long figure(String text, String metric) {
    return Long.parseLong(ReportRendererTest.figure(text, metric, null));
  }

  private static long count(JdbcClient jdbc, String sql, Instant from, Instant to) {
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    if (sql.contains(":from")) {
      statement = statement.param("from", SqlTimestamps.of(from));
    }
    if (sql.contains(":to")) {
      statement = statement.param("to", SqlTimestamps.of(to));
    }
    return statement.query(Long.class).single();
  }
}
