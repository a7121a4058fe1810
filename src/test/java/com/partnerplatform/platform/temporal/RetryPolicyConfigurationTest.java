package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The retry policy in YAML is what an activity really gets: the production application.yml with
 * only {@code retry-policies.standard} overridden, bound and registered by {@link DomainWorkers} as
 * the application does, makes an always-failing notification activity run exactly that many times.
 */
class RetryPolicyConfigurationTest {

  @ParameterizedTest(name = "standard.maximum-attempts: {0}")
  @ValueSource(ints = {2, 5})
  void theConfiguredMaximumAttemptsBoundsTheActivityAttempts(int maximumAttempts) {
    Binder binder = ApplicationYaml.withOverrides("""
        platform:
          temporal:
            retry-policies:
              standard: { initial-interval: 10ms, maximum-interval: 10ms, maximum-attempts: %d }
        """.formatted(maximumAttempts));
    TemporalSettings settings = binder.bindOrCreate("platform.temporal", TemporalSettings.class);
    WorkerSettings workerSettings = binder.bindOrCreate("platform.worker", WorkerSettings.class);
    FailingNotificationActivityImpl activity = new FailingNotificationActivityImpl();

    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      WorkflowClient client = environment.getWorkflowClient();
      DomainWorkers workers = new DomainWorkers(client, settings, workerSettings,
          new ActivityOptionsCatalog(settings),
          List.of(WorkerRegistration.on(DomainQueue.USERS,
              List.of(NotifyWorkflowImpl.class), List.of(activity))));
      workers.start();
      try {
        NotifyWorkflow workflow = client.newWorkflowStub(NotifyWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(settings.taskQueue(DomainQueue.USERS)).build());

        assertThatThrownBy(() -> workflow.notifyUser("user-1"))
            .isInstanceOf(WorkflowFailedException.class)
            .cause().isInstanceOf(ActivityFailure.class);
      } finally {
        workers.stop();
      }
    }

    assertThat(activity.attempts)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, maximumAttempts).boxed().toList());
  }

  @WorkflowInterface
  public interface NotifyWorkflow {
    @WorkflowMethod
    void notifyUser(String userId);
  }

  @ActivityInterface
  public interface NotificationActivity {
    void send(String userId);
  }

  public static class NotifyWorkflowImpl implements NotifyWorkflow {
    // No options here: the worker registration supplies the queue's default activity options.
    private final NotificationActivity notifications = Workflow.newActivityStub(NotificationActivity.class);

    @Override
    public void notifyUser(String userId) {
      notifications.send(userId);
    }
  }

  static class FailingNotificationActivityImpl implements NotificationActivity {
    final List<Integer> attempts = new ArrayList<>();

    @Override
    public synchronized void send(String userId) {
      attempts.add(Activity.getExecutionContext().getInfo().getAttempt());
      throw new IllegalStateException("the mail relay is down");
    }
  }
}
