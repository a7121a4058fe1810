package com.partnerplatform.platform.temporal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The engine connection and the seed's configuration hierarchy: global activity timeouts and named
 * retry policies, combined into named activity options that each domain's activities use.
 */
@Validated
@ConfigurationProperties("platform.temporal")
public record TemporalSettings(
    @NotNull TemporalMode mode,
    @NotBlank String address,
    @NotBlank String namespace,
    @Min(1) int uiPort,
    String cliPath,
    String webUiUrl,
    boolean timeSkipping,
    @NotNull Duration queryTimeout,
    @NotEmpty Map<String, @NotBlank String> taskQueues,
    @NotEmpty Map<String, @NotNull Duration> activityTimeouts,
    @NotEmpty Map<String, @NotNull Duration> workflowTimeouts,
    @NotEmpty Map<String, @Valid @NotNull RetryPolicySettings> retryPolicies,
    @NotEmpty Map<String, @Valid @NotNull ActivityOptionsSettings> activityOptions) {

  /** One named retry policy (seed: STANDARD, AGGRESSIVE, MINIMAL, EXTENDED). */
  public record RetryPolicySettings(
      @NotNull Duration initialInterval,
      @NotNull Duration maximumInterval,
      @DecimalMin("1.0") double backoffCoefficient,
      @Min(1) int maximumAttempts) {}

  /**
   * Activity options by name: which timeout ({@code activity-timeouts} key) bounds one attempt and
   * which retry policy ({@code retry-policies} key) governs the attempts, optionally with its own
   * maximum number of attempts (e.g. the seed's {@code emailRetryAttempts}), and for activities
   * that heartbeat, how long a silence means the worker died (so the next attempt starts then, not
   * when the attempt's whole timeout has passed).
   */
  public record ActivityOptionsSettings(
      @NotBlank String timeout, @NotBlank String retryPolicy, @Min(1) Integer maximumAttempts,
      Duration heartbeatTimeout) {}

  public String taskQueue(DomainQueue queue) {
    String name = taskQueues.get(queue.key());
    if (name == null) {
      throw new IllegalStateException("platform.temporal.task-queues." + queue.key() + " is not set");
    }
    return name;
  }

  public Duration workflowTimeout(String name) {
    return lookup(workflowTimeouts, "workflow-timeouts", name);
  }

  static <T> T lookup(Map<String, T> entries, String property, String name) {
    T value = entries.get(name);
    if (value == null) {
      throw new IllegalStateException(
          "platform.temporal." + property + "." + name + " is not configured; known: "
              + entries.keySet());
    }
    return value;
  }
}
