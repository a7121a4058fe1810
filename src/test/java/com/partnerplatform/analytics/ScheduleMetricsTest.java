package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.schedule.v1.ScheduleInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules' runs come from the server's counts, asked at most every FRESH_FOR, the last kept. */
class ScheduleMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> described = new ArrayList<>();
  private ScheduleInfo answer = info(3, 1, 2);
  private RuntimeException failure;
  /** Held: a meter registry references what its function counters read only weakly. */
  private final ScheduleMetrics metrics;

  ScheduleMetricsTest() {
    metrics = new ScheduleMetrics(meters, id -> {
      described.add(id);
      if (failure != null) {
        throw failure;
      }
      return answer;
    }, clock);
  }

  @Test
  void eachScheduleReportsTheServersCountsOfItsRunsByOutcome() {
    assertThat(runs("daily-report", "started")).isEqualTo(3);
    assertThat(runs("daily-report", "skipped_overlap")).isEqualTo(2);
    assertThat(runs("daily-report", "missed_catchup_window")).isEqualTo(1);
    assertThat(meters.find(ScheduleMetrics.RUNS).functionCounters())
        .hasSize(3 * AnalyticsSchedules.DEFINITIONS.size());
  }

  @Test
  void theServerIsAskedAgainOnlyOnceTheAnswerIsNoLongerFresh() {
    runs("daily-report", "started");
    runs("daily-report", "missed_catchup_window");
    answer = info(4, 1, 2);

    assertThat(runs("daily-report", "started")).isEqualTo(3);
    clock.advance(ScheduleMetrics.FRESH_FOR);
    assertThat(runs("daily-report", "started")).isEqualTo(4);
    assertThat(described).containsExactly("daily-report", "daily-report");
  }

  @Test
  void whileTheServerDoesNotAnswerTheLastCountsStand() {
    assertThat(runs("weekly-cleanup", "started")).isEqualTo(3);
    failure = new IllegalStateException("unavailable");
    clock.advance(Duration.ofMinutes(1));

    assertThat(runs("weekly-cleanup", "started")).isEqualTo(3);
    assertThat(runs("payments-reconcile", "started")).isNaN();
  }

  private double runs(String schedule, String outcome) {
    return meters.get(ScheduleMetrics.RUNS).tags("schedule", schedule, "outcome", outcome).functionCounter().count();
  }

  private static ScheduleInfo info(long started, long missed, long skipped) {
    return ScheduleInfo.newBuilder()
        .setActionCount(started)
        .setMissedCatchupWindow(missed)
        .setOverlapSkipped(skipped)
        .build();
  }
}
