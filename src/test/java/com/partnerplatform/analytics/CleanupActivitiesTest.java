package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerplatform.analytics.CleanupActivities.CleanupPlan;
import com.partnerplatform.analytics.CleanupActivities.PurgeProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backing up and deleting in batches against the database (H2, or PostgreSQL with
 * PLATFORM_IT_DATABASE_URL) and real directories, including an attempt that crashes half-way and
 * the retry that resumes from its heartbeat.
 */
class CleanupActivitiesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Sessions of 1972 are older than this cutoff, those of 1974 are not; nothing real is that old. */
  private static final Instant CUTOFF = Instant.parse("1973-01-01T00:00:00Z");
  private static final int BATCH = 10;

  @TempDir
  Path directory;

  private final AnalyticsTestDatabase db = new AnalyticsTestDatabase();
  private final List<TestActivityEnvironment> environments = new ArrayList<>();

  @AfterEach
  void closeEnvironments() {
    environments.forEach(TestActivityEnvironment::close);
  }

  @Test
  void aCrashBetweenDeletingABatchAndHeartbeatingIsResumedWithoutDeletingTwiceOrSkipping() throws IOException {
    UUID user = db.user(Instant.parse("1970-06-01T00:00:00Z"), null);
    List<String> expired = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      // Expired before the cutoff, or revoked before it.
      expired.add(i % 3 == 0
          ? db.refreshToken(user, t("1972-01-01"), t("2999-01-01"), t("1972-02-01")).toString()
          : db.refreshToken(user, t("1972-01-01"), t("1972-03-01"), null).toString());
    }
    List<String> kept = List.of(db.refreshToken(user, t("1972-01-01"), t("1974-01-01"), null).toString(),
        db.refreshToken(user, t("1972-01-01"), t("2999-01-01"), t("1974-01-01")).toString());
    String runId = "cleanup-test-" + UUID.randomUUID();
    CleanupTarget sessions = TableCleanupTarget.sessions(db.jdbc);
    AtomicReference<PurgeProgress> heartbeat = new AtomicReference<>();

    CleanupActivities crashing = activities(new CrashingTarget(sessions, 3), null, heartbeat);
    CleanupPlan plan = crashing.identify(CleanupType.SESSIONS, retentionDaysTo(CUTOFF));
    assertThat(plan.identified()).isGreaterThanOrEqualTo(expired.size());
    assertThatThrownBy(() -> crashing.purge(plan, runId, PurgeProgress.START)).isInstanceOf(ActivityFailure.class);

    // Heartbeats are throttled: the last one kept may be from any batch before the crash.
    assertThat(heartbeat.get().batches()).as("the crash came after batch 3's deletion, before its heartbeat")
        .isBetween(1, 2);
    PurgeProgress done = activities(sessions, heartbeat.get(), new AtomicReference<>())
        .purge(plan, runId, PurgeProgress.START);

    assertThat(done.done()).isTrue();
    List<String> backedUp = backedUpKeys(Path.of(done.backupDirectory()));
    assertThat(backedUp).as("each key in exactly one batch").doesNotHaveDuplicates();
    assertThat(backedUp).containsAll(expired).doesNotContainAnyElementsOf(kept);
    assertThat(done.deleted()).isEqualTo(backedUp.size());
    assertThat(tokens(expired)).as("every expired session is gone").isEmpty();
    assertThat(tokens(kept)).containsExactlyInAnyOrderElementsOf(kept);
    JsonNode record = backupRecords(Path.of(done.backupDirectory())).stream()
        .filter(node -> node.get(CleanupActivitiesImpl.KEY).asString().equals(expired.get(0))).findFirst()
        .orElseThrow();
    assertThat(record.get("user_id").asString()).isEqualTo(user.toString());
    assertThat(record.get("revoked_at").asString()).startsWith("1972-02-01");
  }

  @Test
  void rotatedLogsPastTheRetentionAreBackedUpWithTheirContentAndDeletedButNeverTheCurrentLog() throws IOException {
    Path logFile = directory.resolve("logs/partner-platform.log");
    Files.createDirectories(logFile.getParent());
    Path current = write(logFile, "current", "1972-01-01");
    Path old = write(logFile.resolveSibling("partner-platform.log.1972-01-01.0.gz"), "old lines", "1972-01-01");
    Path recent = write(logFile.resolveSibling("partner-platform.log.1974-01-01.0.gz"), "recent", "1974-01-01");
    Path other = write(logFile.resolveSibling("unrelated.txt"), "other", "1972-01-01");
    CleanupActivities activities = activities(FileCleanupTarget.logs(logFile), null, new AtomicReference<>());

    CleanupPlan plan = activities.identify(CleanupType.LOGS, retentionDaysTo(CUTOFF));
    PurgeProgress done = activities.purge(plan, "cleanup-logs-" + UUID.randomUUID(), PurgeProgress.START);

    assertThat(plan.identified()).isEqualTo(1);
    assertThat(done.deleted()).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(current).exists();
    assertThat(recent).exists();
    assertThat(other).exists();
    JsonNode record = backupRecords(Path.of(done.backupDirectory())).get(0);
    assertThat(record.get(CleanupActivitiesImpl.KEY).asString()).isEqualTo("partner-platform.log.1972-01-01.0.gz");
    assertThat(Base64.getDecoder().decode(record.get("contentBase64").asString())).asString(StandardCharsets.UTF_8)
        .isEqualTo("old lines");
  }

  private CleanupActivities activities(CleanupTarget target, PurgeProgress previousHeartbeat,
      AtomicReference<PurgeProgress> heartbeats) {
    CleanupProperties properties = new CleanupProperties(BATCH, Duration.ZERO, Duration.ofDays(90),
        Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(1), directory.resolve("backups"),
        directory.resolve("logs/partner-platform.log"));
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
    env.registerActivitiesImplementations(new CleanupActivitiesImpl(List.of(target), properties, db.jdbc, null,
        Clock.systemUTC()));
    if (previousHeartbeat != null) {
      env.setHeartbeatDetails(previousHeartbeat);
    }
    env.setActivityHeartbeatListener(PurgeProgress.class, heartbeats::set);
    return env.newActivityStub(CleanupActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  /** Deletes like its delegate, then fails at the n-th deletion as if the worker died right after it. */
  private static final class CrashingTarget implements CleanupTarget {

    private final CleanupTarget delegate;
    private final int crashAt;
    private final AtomicInteger deletions = new AtomicInteger();

    CrashingTarget(CleanupTarget delegate, int crashAt) {
      this.delegate = delegate;
      this.crashAt = crashAt;
    }

    @Override
    public CleanupType type() {
      return delegate.type();
    }

    @Override
    public long count(Instant cutoff) {
      return delegate.count(cutoff);
    }

    @Override
    public List<String> nextKeys(Instant cutoff, int limit) {
      return delegate.nextKeys(cutoff, limit);
    }

    @Override
    public Map<String, Map<String, Object>> records(List<String> keys) {
      return delegate.records(keys);
    }

    @Override
    public void delete(List<String> keys, Instant cutoff) {
      delegate.delete(keys, cutoff);
      if (deletions.incrementAndGet() == crashAt) {
        throw new IllegalStateException("worker crashed");
      }
    }
  }

  private static int retentionDaysTo(Instant cutoff) {
    return (int) Duration.between(cutoff, Instant.now()).toDays();
  }

  private List<String> tokens(List<String> ids) {
    return db.jdbc.sql("select id from refresh_tokens where id in (:ids)")
        .param("ids", ids.stream().map(UUID::fromString).toList())
        .query((rs, row) -> rs.getObject("id").toString())
        .list();
  }

  static List<String> backedUpKeys(Path backupDirectory) throws IOException {
    return backupRecords(backupDirectory).stream().map(node -> node.get(CleanupActivitiesImpl.KEY).asString())
        .toList();
  }

  static List<JsonNode> backupRecords(Path backupDirectory) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(backupDirectory)) {
      List<Path> batches = files.sorted().toList();
      assertThat(batches).allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(".jsonl.gz"));
      for (Path batch : batches) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(batch)), StandardCharsets.UTF_8))) {
          reader.lines().map(JSON::readTree).forEach(records::add);
        }
      }
    }
    return records;
  }

  private static Path write(Path file, String content, String modifiedOn) throws IOException {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(t(modifiedOn)));
    return file;
  }

  private static Instant t(String day) {
    return Instant.parse(day + "T00:00:00Z");
  }
}
