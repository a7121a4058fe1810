package com.partnerplatform.platform.temporal;

import com.partnerplatform.platform.temporal.TemporalSettings.ActivityOptionsSettings;
import com.partnerplatform.platform.temporal.TemporalSettings.RetryPolicySettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns the configuration hierarchy into SDK options: an entry of {@code activity-options} names a
 * timeout and a retry policy, both defined once globally. Workers apply the result when they
 * register workflows, so workflow classes never hard-code timeouts or retries. The same entry
 * serves an activity whether a workflow runs it as a task on the queue or as a local activity.
 */
@Component
public class ActivityOptionsCatalog {

  private final TemporalSettings settings;

  public ActivityOptionsCatalog(TemporalSettings settings) {
    this.settings = settings;
  }

  public ActivityOptions named(String name) {
    ActivityOptionsSettings options =
        TemporalSettings.lookup(settings.activityOptions(), "activity-options", name);
    RetryOptions retry = retryPolicy(options.retryPolicy());
    if (options.maximumAttempts() != null) {
      retry = RetryOptions.newBuilder(retry).setMaximumAttempts(options.maximumAttempts()).build();
    }
    ActivityOptions.Builder builder = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(
            TemporalSettings.lookup(settings.activityTimeouts(), "activity-timeouts", options.timeout()))
        .setRetryOptions(retry);
    if (options.heartbeatTimeout() != null) {
      builder.setHeartbeatTimeout(options.heartbeatTimeout());
    }
    return builder.build();
  }

  /**
   * The options workers apply to a workflow implementation: the default entry for every activity,
   * remote or local, and overrides per activity type.
   */
  public WorkflowImplementationOptions workflowOptions(String defaultName, Map<String, String> namesByType) {
    Map<String, ActivityOptions> remote = new LinkedHashMap<>();
    Map<String, LocalActivityOptions> local = new LinkedHashMap<>();
    namesByType.forEach((type, name) -> {
      remote.put(type, named(name));
      local.put(type, local(name));
    });
    return WorkflowImplementationOptions.newBuilder()
        .setDefaultActivityOptions(named(defaultName))
        .setActivityOptions(remote)
        .setDefaultLocalActivityOptions(local(defaultName))
        .setLocalActivityOptions(local)
        .build();
  }

  LocalActivityOptions local(String name) {
    ActivityOptions options = named(name);
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(options.getStartToCloseTimeout())
        .setRetryOptions(options.getRetryOptions())
        .build();
  }

  public RetryOptions retryPolicy(String name) {
    RetryPolicySettings policy =
        TemporalSettings.lookup(settings.retryPolicies(), "retry-policies", name);
    return RetryOptions.newBuilder()
        .setInitialInterval(policy.initialInterval())
        .setMaximumInterval(policy.maximumInterval())
        .setBackoffCoefficient(policy.backoffCoefficient())
        .setMaximumAttempts(policy.maximumAttempts())
        .build();
  }
}
