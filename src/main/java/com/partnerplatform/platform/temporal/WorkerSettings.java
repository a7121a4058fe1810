package com.partnerplatform.platform.temporal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What this process polls and how much it runs at once.
 *
 * @param taskQueues the domain queues this process polls (default: all four)
 * @param maxConcurrentActivities activity slots per worker (seed: 100)
 * @param maxConcurrentWorkflowTasks workflow task slots per worker (seed: 100)
 * @param shutdownGracePeriod how long shutdown waits for running activities
 */
@Validated
@ConfigurationProperties("platform.worker")
public record WorkerSettings(
    @NotNull Set<DomainQueue> taskQueues,
    @Min(1) int maxConcurrentActivities,
    @Min(1) int maxConcurrentWorkflowTasks,
    @NotNull Duration shutdownGracePeriod) {}
