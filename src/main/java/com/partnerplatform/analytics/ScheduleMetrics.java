package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.TemporalEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.schedule.v1.ScheduleInfo;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The analytics schedules' runs as the Temporal server counts them (README "Operating it" →
 * Metrics): {@code schedules.runs}, tags {@code schedule} and {@code outcome} (started,
 * skipped_overlap, missed_catchup_window). Every process on a Temporal server reports the same
 * server-side totals; a scrape asks the server at most every {@link #FRESH_FOR} per schedule, waits
 * at most {@link #DESCRIBE_DEADLINE_SECONDS} for it, and keeps the last answer while the server does
 * not give one.
 */
@Component
class ScheduleMetrics {

  static final String RUNS = "schedules.runs";
  static final Duration FRESH_FOR = Duration.ofSeconds(30);
  static final long DESCRIBE_DEADLINE_SECONDS = 2;

  private static final Logger log = LoggerFactory.getLogger(ScheduleMetrics.class);
  private static final Map<String, ToLongFunction<ScheduleInfo>> OUTCOMES = Map.of(
      "started", ScheduleInfo::getActionCount,
      "skipped_overlap", ScheduleInfo::getOverlapSkipped,
      "missed_catchup_window", ScheduleInfo::getMissedCatchupWindow);

  private final Function<String, ScheduleInfo> describe;
  private final Clock clock;
  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

  @Autowired
  ScheduleMetrics(MeterRegistry meters, WorkflowClient client, TemporalEngine engine, Clock clock) {
    this(meters, engine.supportsServerFeatures() ? id -> describeOnServer(client, id) : null, clock);
  }

  /** @param describe the server's info on a schedule, by id; null for the in-memory engine, which has no schedules */
  ScheduleMetrics(MeterRegistry meters, Function<String, ScheduleInfo> describe, Clock clock) {
    this.describe = describe;
    this.clock = clock;
    if (describe == null) {
      return;
    }
    for (AnalyticsSchedules.Definition definition : AnalyticsSchedules.DEFINITIONS) {
      OUTCOMES.forEach((outcome, count) -> FunctionCounter
          .builder(RUNS, this, metrics -> metrics.count(definition.id(), count))
          .description("Runs of a Temporal schedule, by what became of them at their scheduled time")
          .tags("schedule", definition.id(), "outcome", outcome)
          .register(meters));
    }
  }

  /** The server's info on a schedule, through the service stub: the SDK's handle takes no deadline. */
  private static ScheduleInfo describeOnServer(WorkflowClient client, String scheduleId) {
    return client.getWorkflowServiceStubs().blockingStub()
        .withDeadlineAfter(DESCRIBE_DEADLINE_SECONDS, TimeUnit.SECONDS)
        .describeSchedule(DescribeScheduleRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setScheduleId(scheduleId)
            .build())
        .getInfo();
  }

  private double count(String scheduleId, ToLongFunction<ScheduleInfo> count) {
    ScheduleInfo info = snapshots.compute(scheduleId, (id, last) -> last != null && last.fresh(clock.instant())
        ? last : fetch(id, last)).info();
    return info == null ? Double.NaN : count.applyAsLong(info);
  }

  private Snapshot fetch(String scheduleId, Snapshot last) {
    try {
      return new Snapshot(describe.apply(scheduleId), clock.instant());
    } catch (RuntimeException e) {
      // Not created yet, or the server is away: asked again once this answer is no longer fresh.
      log.debug("Schedule {} could not be described: {}", scheduleId, e.getMessage());
      return new Snapshot(last == null ? null : last.info(), clock.instant());
    }
  }

  /** @param info null until the server described the schedule once */
  private record Snapshot(ScheduleInfo info, Instant fetchedAt) {

    boolean fresh(Instant now) {
      return fetchedAt.plus(FRESH_FOR).isAfter(now);
    }
  }
}
