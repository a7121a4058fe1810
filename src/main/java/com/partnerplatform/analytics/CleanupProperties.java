package com.partnerplatform.analytics;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's clean-up configuration.
 *
 * @param batchSize rows deleted per batch
 * @param batchDelay pause between batches, to keep the database responsive
 * @param retention default age after which data is removed
 * @param logRetention age after which log records are removed
 * @param sessionRetention age after which expired sessions (refresh tokens) are removed
 */
@Validated
@ConfigurationProperties("platform.cleanup")
public record CleanupProperties(
    @Min(1) int batchSize,
    @NotNull Duration batchDelay,
    @NotNull Duration retention,
    @NotNull Duration logRetention,
    @NotNull Duration sessionRetention) {}
