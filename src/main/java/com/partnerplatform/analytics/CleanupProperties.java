package com.partnerplatform.analytics;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's clean-up configuration.
 *
 * @param batchSize rows deleted per batch
 * @param batchDelay pause between batches, to keep the database responsive
 * @param retention default age after which data is removed (read in-app notifications)
 * @param logRetention age after which rotated log files are removed
 * @param sessionRetention age after which expired or revoked sessions (refresh tokens) are removed
 * @param tempFileRetention age after which report scratch files are removed
 * @param backupDirectory where what is deleted is kept, as gzip JSON lines per run, type and batch
 * @param logFile the application's log file; its rotated siblings ({@code <name>.*}) are cleaned up
 */
@Validated
@ConfigurationProperties("platform.cleanup")
public record CleanupProperties(
    @Min(1) int batchSize,
    @NotNull Duration batchDelay,
    @NotNull Duration retention,
    @NotNull Duration logRetention,
    @NotNull Duration sessionRetention,
    @NotNull Duration tempFileRetention,
    @NotNull Path backupDirectory,
    @NotNull Path logFile) {

  Duration retentionOf(CleanupType type) {
    return switch (type) {
      case SESSIONS -> sessionRetention;
      case NOTIFICATIONS -> retention;
      case LOGS -> logRetention;
      case TEMP_FILES -> tempFileRetention;
      case ALL -> throw new IllegalArgumentException("all is several types, each with its own retention");
    };
  }
}
