package com.partnerplatform.operations;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link CanaryWorkflow} per domain task queue, all at once, and reports for each queue
 * whether a worker served it and how long the round trip took. Every wait is bounded, so a queue
 * without a worker shows up as a timeout instead of blocking the caller.
 */
@Component
class CanaryRunner implements DisposableBean {

  static final int EXECUTION_TIMEOUT_SECONDS = 10;
  static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(EXECUTION_TIMEOUT_SECONDS);
  static final String OK = "ok";
  static final String FAILED = "failed";
  static final String TIMEOUT = "timeout";
  /** The client waits a little longer than the execution may run, so the server's timeout wins. */
  private static final Duration RESULT_GRACE = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final Map<DomainQueue, String> taskQueues;
  private final Duration executionTimeout;
  // Starting is a blocking call; separate threads keep one unreachable queue from delaying the rest.
  private final ExecutorService starters;

  @Autowired
  CanaryRunner(WorkflowClient client, TemporalSettings settings) {
    this(client, everyQueue(settings), EXECUTION_TIMEOUT);
  }

  CanaryRunner(WorkflowClient client, Map<DomainQueue, String> taskQueues, Duration executionTimeout) {
    this.client = client;
    this.taskQueues = new LinkedHashMap<>(taskQueues);
    this.executionTimeout = executionTimeout;
    CustomizableThreadFactory threads = new CustomizableThreadFactory("canary-start-");
    threads.setDaemon(true);
    this.starters = Executors.newFixedThreadPool(Math.max(1, taskQueues.size()), threads);
  }

  private static Map<DomainQueue, String> everyQueue(TemporalSettings settings) {
    Map<DomainQueue, String> queues = new LinkedHashMap<>();
    for (DomainQueue queue : DomainQueue.values()) {
      queues.put(queue, settings.taskQueue(queue));
    }
    return queues;
  }

  CanaryResults runOnEveryQueue() {
    List<CompletableFuture<QueueCanary>> runs = taskQueues.entrySet().stream()
        .map(entry -> run(entry.getKey(), entry.getValue()))
        .toList();
    List<QueueCanary> results = runs.stream().map(CompletableFuture::join).toList();
    return new CanaryResults(results, results.stream().allMatch(result -> OK.equals(result.status())));
  }

  private CompletableFuture<QueueCanary> run(DomainQueue domain, String taskQueue) {
    String workflowId = "canary-" + domain.key() + "-" + UUID.randomUUID();
    long waitMillis = executionTimeout.plus(RESULT_GRACE).toMillis();
    long startedNanos = System.nanoTime();
    return CompletableFuture.supplyAsync(() -> start(workflowId, taskQueue), starters)
        .thenCompose(stub -> stub.getResultAsync(waitMillis, TimeUnit.MILLISECONDS, CanaryReport.class))
        .handle((report, failure) -> {
          long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
          Verdict verdict = verdict(taskQueue, report, failure);
          return new QueueCanary(domain.key(), taskQueue, verdict.status(), latencyMillis, workflowId,
              verdict.error());
        });
  }

  private Verdict verdict(String taskQueue, CanaryReport report, Throwable failure) {
    if (failure == null) {
      return taskQueue.equals(report.activityTaskQueue())
          ? new Verdict(OK, null)
          : new Verdict(FAILED, "The activity ran on " + report.activityTaskQueue() + ", not on " + taskQueue);
    }
    return timedOut(failure)
        ? new Verdict(TIMEOUT, "No worker completed the canary within " + executionTimeout.toSeconds()
            + " s; is any worker polling " + taskQueue + "?")
        : new Verdict(FAILED, TemporalErrors.message(failure));
  }

  private WorkflowStub start(String workflowId, String taskQueue) {
    WorkflowStub stub = WorkflowStub.fromTyped(client.newWorkflowStub(CanaryWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue)
            .setWorkflowExecutionTimeout(executionTimeout)
            .build()));
    stub.start();
    return stub;
  }

  private static boolean timedOut(Throwable failure) {
    Throwable cause = TemporalErrors.unwrap(failure);
    return cause instanceof TimeoutException
        || (cause instanceof WorkflowFailedException && cause.getCause() instanceof TimeoutFailure);
  }

  @Override
  public void destroy() {
    starters.shutdownNow();
  }

  /**
   * @param queues one result per domain task queue
   * @param allOk whether every queue answered
   */
  record CanaryResults(List<QueueCanary> queues, boolean allOk) {}

  /**
   * @param domain the domain key, e.g. {@code payments}
   * @param taskQueue the task queue name
   * @param status {@code ok}, {@code failed} or {@code timeout}
   * @param latencyMs from the start request to the result (or the failure)
   * @param workflowId the canary execution, to look it up afterwards
   * @param error why the queue did not answer, {@code null} when it did
   */
  record QueueCanary(String domain, String taskQueue, String status, long latencyMs, String workflowId,
      String error) {}

  private record Verdict(String status, String error) {}
}
