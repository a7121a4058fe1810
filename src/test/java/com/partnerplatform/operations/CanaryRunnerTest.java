package com.partnerplatform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.partnerplatform.operations.CanaryRunner.CanaryResults;
import com.partnerplatform.operations.CanaryRunner.QueueCanary;
import com.partnerplatform.platform.temporal.DomainQueue;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The canary tells a healthy queue from one nobody polls and from one whose worker fails. */
class CanaryRunnerTest {

  private static final WorkflowImplementationOptions ACTIVITY_DEFAULTS = WorkflowImplementationOptions.newBuilder()
      .setDefaultActivityOptions(ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build())
      .build();

  private TestWorkflowEnvironment environment;
  private CanaryRunner runner;

  @BeforeEach
  void startWorkers() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker healthy = environment.newWorker("healthy-queue");
    healthy.registerWorkflowImplementationTypes(ACTIVITY_DEFAULTS, CanaryWorkflowImpl.class);
    healthy.registerActivitiesImplementations(new CanaryActivitiesImpl());
    Worker broken = environment.newWorker("broken-queue");
    broken.registerWorkflowImplementationTypes(ACTIVITY_DEFAULTS, CanaryWorkflowImpl.class);
    broken.registerActivitiesImplementations((CanaryActivities) () -> {
      throw ApplicationFailure.newNonRetryableFailure("disk full", "DiskFull");
    });
    environment.start();

    Map<DomainQueue, String> queues = new LinkedHashMap<>();
    queues.put(DomainQueue.USERS, "healthy-queue");
    queues.put(DomainQueue.PAYMENTS, "unpolled-queue");
    queues.put(DomainQueue.LISTINGS, "broken-queue");
    runner = new CanaryRunner(environment.getWorkflowClient(), queues, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    runner.destroy();
    environment.close();
  }

  @Test
  void reportsEachQueueOnItsOwn() {
    CanaryResults results = runner.runOnEveryQueue();

    assertThat(results.allOk()).isFalse();
    assertThat(results.queues()).extracting(QueueCanary::domain, QueueCanary::taskQueue, QueueCanary::status)
        .containsExactly(
            tuple("users", "healthy-queue", "ok"),
            tuple("payments", "unpolled-queue", "timeout"),
            tuple("listings", "broken-queue", "failed"));
    QueueCanary healthy = results.queues().get(0);
    assertThat(healthy.workflowId()).startsWith("canary-users-");
    assertThat(healthy.error()).isNull();
    assertThat(results.queues().get(1).error()).contains("unpolled-queue");
    assertThat(results.queues().get(2).error()).isEqualTo("disk full");
  }

  @Test
  void allOkWhenEveryQueueAnswers() {
    CanaryRunner healthyOnly = new CanaryRunner(environment.getWorkflowClient(),
        Map.of(DomainQueue.ANALYTICS, "healthy-queue"), Duration.ofSeconds(2));
    try {
      CanaryResults results = healthyOnly.runOnEveryQueue();

      assertThat(results.allOk()).isTrue();
      assertThat(results.queues()).singleElement().satisfies(queue -> {
        assertThat(queue.status()).isEqualTo("ok");
        assertThat(queue.workflowId()).startsWith("canary-analytics-");
      });
    } finally {
      healthyOnly.destroy();
    }
  }
}
