package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Stopping the workers lets a running activity finish within the grace period, and interrupts it
 * when the grace period runs out.
 */
class DomainWorkersShutdownTest {

  @Test
  void aRunningActivityFinishesWithinTheGracePeriod() throws Exception {
    SlowActivityImpl activity = new SlowActivityImpl(800);

    stopWhileTheActivityRuns("10s", activity);

    assertThat(activity.finished).isTrue();
    assertThat(activity.interrupted).isFalse();
  }

  @Test
  void theGracePeriodBoundsTheWait() throws Exception {
    SlowActivityImpl activity = new SlowActivityImpl(30_000);

    long stopMillis = stopWhileTheActivityRuns("300ms", activity);

    // The interrupt reaches the activity thread asynchronously.
    assertThat(activity.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(activity.interrupted).isTrue();
    assertThat(activity.finished).isFalse();
    assertThat(stopMillis).isLessThan(10_000);
  }

  /** Starts a workflow, stops the workers once its activity runs, returns how long stop took. */
  private static long stopWhileTheActivityRuns(String gracePeriod, SlowActivityImpl activity)
      throws InterruptedException {
    Binder binder = ApplicationYaml.withOverrides(
        "platform: { worker: { shutdown-grace-period: " + gracePeriod + " } }");
    TemporalSettings settings = binder.bindOrCreate("platform.temporal", TemporalSettings.class);
    WorkerSettings workerSettings = binder.bindOrCreate("platform.worker", WorkerSettings.class);
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      WorkflowClient client = environment.getWorkflowClient();
      DomainWorkers workers = new DomainWorkers(client, settings, workerSettings,
          new ActivityOptionsCatalog(settings),
          List.of(WorkerRegistration.on(DomainQueue.USERS, List.of(SlowWorkflowImpl.class), List.of(activity))));
      workers.start();
      SlowWorkflow workflow = client.newWorkflowStub(SlowWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue(settings.taskQueue(DomainQueue.USERS)).build());
      WorkflowClient.start(workflow::run);
      assertThat(activity.started.await(10, TimeUnit.SECONDS)).isTrue();

      long before = System.nanoTime();
      workers.stop();
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
    }
  }

  @WorkflowInterface
  public interface SlowWorkflow {
    @WorkflowMethod
    void run();
  }

  @ActivityInterface
  public interface SlowActivity {
    void work();
  }

  public static class SlowWorkflowImpl implements SlowWorkflow {
    private final SlowActivity activity = Workflow.newActivityStub(SlowActivity.class);

    @Override
    public void run() {
      activity.work();
    }
  }

  static class SlowActivityImpl implements SlowActivity {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);
    private final long millis;
    volatile boolean finished;
    volatile boolean interrupted;

    SlowActivityImpl(long millis) {
      this.millis = millis;
    }

    @Override
    public void work() {
      started.countDown();
      try {
        Thread.sleep(millis);
        finished = true;
      } catch (InterruptedException e) {
        interrupted = true;
        Thread.currentThread().interrupt();
      } finally {
        ended.countDown();
      }
    }
  }
}
