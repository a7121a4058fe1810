package com.partnerplatform.analytics;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CleanupActivitiesImpl implements CleanupActivities {

  /** The JSON property of a backup record that holds its key. */
  static final String KEY = "_key";
  private static final Logger log = LoggerFactory.getLogger(CleanupActivitiesImpl.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<CleanupType, CleanupTarget> targets;
  private final CleanupProperties properties;
  private final JdbcClient jdbc;
  private final AnalyticsMail mail;
  private final Clock clock;

  CleanupActivitiesImpl(List<CleanupTarget> targets, CleanupProperties properties, JdbcClient jdbc,
      AnalyticsMail mail, Clock clock) {
    this.targets = targets.stream().collect(Collectors.toMap(CleanupTarget::type, Function.identity()));
    this.properties = properties;
    this.jdbc = jdbc;
    this.mail = mail;
    this.clock = clock;
  }

  @Override
  public CleanupPlan identify(CleanupType type, Integer retentionDays) {
    Duration retention = retentionDays != null ? Duration.ofDays(retentionDays) : properties.retentionOf(type);
    Instant cutoff = SqlTimestamps.now(clock).minus(retention);
    return new CleanupPlan(type, cutoff, target(type).count(cutoff));
  }

  @Override
  public PurgeProgress purge(CleanupPlan plan, String runId, PurgeProgress progress) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    // A retried attempt continues from its predecessor's last heartbeat.
    PurgeProgress current = context.getHeartbeatDetails(PurgeProgress.class).orElse(progress);
    CleanupTarget target = target(plan.type());
    Path directory = properties.backupDirectory().resolve(runId).resolve(plan.type().key()).toAbsolutePath();
    Instant deadline = Instant.now().plus(context.getInfo().getStartToCloseTimeout().multipliedBy(2).dividedBy(3));
    while (!current.done() && Instant.now().isBefore(deadline)) {
      int batch = current.batches() + 1;
      Path backup = directory.resolve(String.format("batch-%06d.jsonl.gz", batch));
      // A backup without its deletion is what a crash between the two leaves: finish that batch.
      List<String> keys = Files.exists(backup) ? keysIn(backup) : backUp(target, plan.cutoff(), backup);
      if (keys.isEmpty()) {
        current = new PurgeProgress(current.batches(), current.deleted(), true, directory.toString());
      } else {
        target.delete(keys, plan.cutoff());
        current = new PurgeProgress(batch, current.deleted() + keys.size(), false, directory.toString());
        context.heartbeat(current);
        pause();
      }
    }
    log.info("Clean-up {} of {}: {} deleted in {} batches{}", runId, plan.type().key(), current.deleted(),
        current.batches(), current.done() ? "" : ", continuing in the next attempt");
    return current;
  }

  /** Writes the next batch's backup (complete, or not at all) and returns its keys; none when nothing is left. */
  private List<String> backUp(CleanupTarget target, Instant cutoff, Path backup) {
    List<String> keys = target.nextKeys(cutoff, properties.batchSize());
    if (keys.isEmpty()) {
      return keys;
    }
    Map<String, Map<String, Object>> records = target.records(keys);
    try {
      Files.createDirectories(backup.getParent());
      Path partial = Files.createTempFile(backup.getParent(), backup.getFileName().toString(), ".part");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial));
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        for (String key : keys) {
          Map<String, Object> record = new LinkedHashMap<>();
          record.put(KEY, key);
          record.putAll(records.getOrDefault(key, Map.of("missing", true)));
          writer.write(JSON.writeValueAsString(record));
          writer.write('\n');
        }
      }
      Files.move(partial, backup, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the backup " + backup, e);
    }
    return keys;
  }

  static List<String> keysIn(Path backup) {
    List<String> keys = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(backup)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode record = JSON.readTree(line);
        keys.add(record.get(KEY).asString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the backup " + backup, e);
    }
    return keys;
  }

  private void pause() {
    try {
      Thread.sleep(properties.batchDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted between batches", e);
    }
  }

  @Override
  public void record(String runId, boolean dryRun, CleanupSummary.Part part) {
    try {
      jdbc.sql("insert into cleanup_runs (workflow_id, type, dry_run, cutoff, identified, deleted, backup_dir, "
              + "finished_at) values (:runId, :type, :dryRun, :cutoff, :identified, :deleted, :backupDir, :now)")
          .param("runId", runId)
          .param("type", part.type().key())
          .param("dryRun", dryRun)
          .param("cutoff", SqlTimestamps.of(part.cutoff()))
          .param("identified", part.identified())
          .param("deleted", part.deleted())
          .param("backupDir", part.backupDirectory())
          .param("now", SqlTimestamps.of(SqlTimestamps.now(clock)))
          .update();
    } catch (DuplicateKeyException recordedByAnEarlierAttempt) {
      log.debug("Clean-up {} of {} was recorded already", runId, part.type().key());
    }
  }

  @Override
  public void notifyAdmins(String runId, CleanupSummary summary) {
    List<String> admins = mail.adminAddresses();
    if (admins.isEmpty()) {
      log.warn("Clean-up {}: no admin to tell", runId);
      return;
    }
    StringBuilder text = new StringBuilder("Clean-up " + runId + (summary.dryRun() ? " (dry run: nothing was deleted)"
        : "") + ":\n\n");
    for (CleanupSummary.Part part : summary.parts()) {
      text.append("- ").append(part.type().key()).append(": ").append(part.identified())
          .append(" older than ").append(part.cutoff()).append(", ").append(part.deleted()).append(" deleted");
      if (part.backupDirectory() != null) {
        text.append(", backup in ").append(part.backupDirectory());
      }
      text.append('\n');
    }
    mail.send(admins, "Partner Platform clean-up " + summary.type().key() + (summary.dryRun() ? " (dry run)" : "")
        + ": " + summary.parts().stream().mapToLong(CleanupSummary.Part::deleted).sum() + " deleted",
        text.toString(), null, null);
  }

  private CleanupTarget target(CleanupType type) {
    CleanupTarget target = targets.get(type);
    if (target == null) {
      throw new IllegalArgumentException("No clean-up target for " + type);
    }
    return target;
  }
}
