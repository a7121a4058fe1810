package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnerplatform.platform.Polling;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.platform.temporal.TemporalEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecution;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The schedules over HTTP. Against a Temporal server only (PLATFORM_IT_TEMPORAL_MODE=external):
 * the in-memory engine has no Schedules, which the first test checks instead.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + AnalyticsApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + AnalyticsApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class ScheduleApiIT {

  /** Often enough to see a paused schedule not run, and run again once unpaused. */
  private static final String FREQUENT = "@every 2s";
  private static final String SCHEDULES = "/api/admin/schedules";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort
  int port;

  @Autowired
  TemporalEngine engine;

  @Autowired
  ScheduleClient scheduleClient;

  @Autowired
  ScheduleProperties properties;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  WorkflowClient client;

  private TestHttp http;
  private Account admin;

  @BeforeEach
  void logIn() {
    http = new TestHttp(port);
    admin = new TestAccounts(http, AnalyticsApiIT.ADMIN_EMAIL, AnalyticsApiIT.ADMIN_PASSWORD).admin();
  }

  /**
   * Other test contexts (with task queues of their own) created the schedule before this one, and a
   * run started for one of them waits for a worker that has gone: it would make this context's runs
   * skipped as overlapping.
   */
  private void endRunsLeftOver(String id) {
    for (ScheduleActionExecution running : scheduleClient.getHandle(id).describe().getInfo().getRunningActions()) {
      String workflowId = ((ScheduleActionExecutionStartWorkflow) running).getWorkflowId();
      try {
        client.newUntypedWorkflowStub(workflowId).terminate("left over by another test context");
      } catch (WorkflowNotFoundException endedMeanwhile) {
        // nothing to end
      }
    }
  }

  /** Changes the schedule's cron on the server directly, behind the application's back. */
  private void setCron(String id, String cron) {
    scheduleClient.getHandle(id).update(input -> new ScheduleUpdate(
        Schedule.newBuilder(input.getDescription().getSchedule())
            .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of(cron))
                .setTimeZoneName(properties.timeZone()).build())
            .build()));
  }

  @Test
  void withTheInMemoryEngineTheEndpointsExplainThatSchedulesNeedAServer() {
    assumeTrue(!engine.supportsServerFeatures(), "checks the in-memory engine; this run uses a Temporal server");

    for (HttpResponse<String> response : List.of(http.get(SCHEDULES, admin.auth()),
        post(SCHEDULES + "/daily-report/trigger"), post(SCHEDULES + "/daily-report/pause"))) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(TestHttp.json(response).get("code").asString()).isEqualTo("SCHEDULES_UNAVAILABLE");
      assertThat(TestHttp.json(response).get("detail").asString()).contains("Temporal server");
    }
  }

  @Test
  void theFiveSchedulesAreListedWithTheirNextRuns() {
    requireServer();

    HttpResponse<String> listed = http.get(SCHEDULES, admin.auth());

    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    JsonNode schedules = TestHttp.json(listed);
    assertThat(ids(schedules)).containsExactly("daily-report", "weekly-cleanup", "subscriptions-reconcile",
        "listings-reconcile", "payments-reconcile");
    JsonNode daily = schedule(schedules, "daily-report");
    assertThat(daily.at("/spec/cron").asString()).isEqualTo("0 8 * * *");
    assertThat(daily.at("/spec/timeZone").asString()).isEqualTo("UTC");
    assertThat(daily.get("workflowType").asString()).isEqualTo("ReportWorkflow");
    assertThat(daily.get("created").asBoolean()).isTrue();
    assertThat(daily.get("nextRuns")).isNotEmpty();
    Instant next = Instant.parse(daily.get("nextRuns").get(0).asString());
    assertThat(next).isAfter(Instant.now());
    assertThat(next.toString()).contains("T08:00:00");
    assertThat(schedule(schedules, "weekly-cleanup").at("/spec/cron").asString()).isEqualTo("0 2 * * 0");
    assertThat(post(SCHEDULES + "/nightly/pause").statusCode()).isEqualTo(404);
  }

  @Test
  void triggeringTheDailyReportProducesAReportWhosePdfHasTheDatabasesFigures() {
    requireServer();
    endRunsLeftOver("daily-report");
    Instant triggered = Instant.now().minusSeconds(1);

    HttpResponse<String> trigger = post(SCHEDULES + "/daily-report/trigger");

    assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(202);
    JsonNode report = ReportChecks.awaitReport(http, admin,
        item -> item.get("workflowId").asString().startsWith("daily-report-")
            && Instant.parse(item.get("createdAt").asString()).isAfter(triggered));
    assertThat(report.get("type").asString()).isEqualTo("platform");
    assertThat(Duration.between(Instant.parse(report.get("from").asString()),
        Instant.parse(report.get("to").asString()))).isEqualTo(Duration.ofDays(1));
    String text = ReportChecks.checkPdfAgainstDatabase(http, admin, report, jdbc);
    assertThat(text).contains("Workflow executions started in the period").doesNotContain("Not available");
    JsonNode daily = awaitSchedule("daily-report", schedule -> StreamSupport.stream(
        schedule.get("recentRuns").spliterator(), false).anyMatch(run ->
            run.get("workflowId").asString().equals(report.get("workflowId").asString())
                && run.get("status").asString().equals("completed")));
    assertThat(daily.get("runs").asLong()).isPositive();
  }

  @Test
  void aPausedScheduleStartsNoRunsUntilItIsUnpaused() {
    requireServer();
    String id = "subscriptions-reconcile";
    endRunsLeftOver(id);
    setCron(id, FREQUENT);
    try {
      pauseAndUnpause(id);
    } finally {
      // The frequent cron must not outlive the test on a shared server.
      setCron(id, properties.cronOf(id));
    }
  }

  @Test
  void aTriggeredPaymentsReconciliationReportsTheChargeOfTheGatewaysBookThatNoOrderExplains() {
    requireServer();
    String id = "payments-reconcile";
    endRunsLeftOver(id);
    String key = "manual-" + UUID.randomUUID();
    // A charge in the sandbox's book, older than any attempt of a gateway activity, under a key of no order.
    jdbc.sql("insert into sandbox_gateway_requests (idempotency_key, operation, outcome, reference, amount, currency, "
            + "created_at) values (:key, 'charge', 'succeeded', :reference, 12.50, 'USD', :createdAt)")
        .param("key", key)
        .param("reference", "sandbox_ch_" + key)
        .param("createdAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10))
        .update();

    Instant triggered = Instant.now().minusSeconds(1);
    assertThat(post(SCHEDULES + "/" + id + "/trigger").statusCode()).isEqualTo(202);

    Predicate<JsonNode> completedSinceTrigger = candidate -> candidate.get("status").asString().equals("completed")
        && Instant.parse(candidate.get("startedAt").asString()).isAfter(triggered);
    JsonNode schedule = awaitSchedule(id, listed -> StreamSupport.stream(listed.get("recentRuns").spliterator(), false)
        .anyMatch(completedSinceTrigger));
    JsonNode run = StreamSupport.stream(schedule.get("recentRuns").spliterator(), false)
        .filter(completedSinceTrigger).findFirst().orElseThrow();
    assertThat(run.at("/result/target").asString()).isEqualTo("PAYMENTS");
    assertThat(run.at("/result/payments/differences").asInt()).isPositive();
  }

  private void pauseAndUnpause(String id) {
    long runsBefore = schedule(TestHttp.json(http.get(SCHEDULES, admin.auth())), id).get("runs").asLong();
    awaitSchedule(id, schedule -> schedule.get("runs").asLong() > runsBefore);

    assertThat(post(SCHEDULES + "/" + id + "/pause").statusCode()).isEqualTo(204);
    long runsWhenPaused = awaitSchedule(id, schedule -> schedule.get("paused").asBoolean()).get("runs").asLong();
    Polling.sleep(Duration.ofSeconds(6)); // three periods of the frequent cron
    JsonNode paused = schedule(TestHttp.json(http.get(SCHEDULES, admin.auth())), id);
    assertThat(paused.get("paused").asBoolean()).isTrue();
    assertThat(paused.get("runs").asLong()).isEqualTo(runsWhenPaused);

    assertThat(post(SCHEDULES + "/" + id + "/unpause").statusCode()).isEqualTo(204);
    JsonNode resumed = awaitSchedule(id, schedule -> schedule.get("runs").asLong() > runsWhenPaused);
    assertThat(resumed.get("paused").asBoolean()).isFalse();
    JsonNode completed = awaitSchedule(id, schedule -> StreamSupport.stream(schedule.get("recentRuns").spliterator(),
        false).anyMatch(run -> run.get("status").asString().equals("completed")));
    JsonNode run = StreamSupport.stream(completed.get("recentRuns").spliterator(), false)
        .filter(candidate -> candidate.get("status").asString().equals("completed")).findFirst().orElseThrow();
    assertThat(run.get("workflowId").asString()).startsWith(id + "-");
    assertThat(run.at("/result/target").asString()).isEqualTo("SUBSCRIPTIONS");
  }

  private HttpResponse<String> post(String path) {
    return http.sendJson("POST", path, "{}", admin.auth());
  }

  private void requireServer() {
    assumeTrue(engine.supportsServerFeatures(),
        "Schedules need a Temporal server: set PLATFORM_IT_TEMPORAL_MODE=external and PLATFORM_IT_TEMPORAL_ADDRESS");
  }

  private JsonNode awaitSchedule(String id, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> listed = http.get(SCHEDULES, admin.auth());
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      JsonNode schedule = schedule(TestHttp.json(listed), id);
      if (condition.test(schedule)) {
        return schedule;
      }
      assertThat(Instant.now()).as("schedule %s: %s", id, schedule).isBefore(deadline);
      Polling.sleep(Duration.ofMillis(500));
    }
  }

  private static List<String> ids(JsonNode schedules) {
    return StreamSupport.stream(schedules.spliterator(), false).map(node -> node.get("id").asString()).toList();
  }

  static JsonNode schedule(JsonNode schedules, String id) {
    return StreamSupport.stream(schedules.spliterator(), false)
        .filter(node -> node.get("id").asString().equals(id)).findFirst().orElseThrow();
  }
}
