package com.partnerplatform.platform.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * One worker per domain queue this process polls, with the domain's activity options applied at
 * registration. Workers start polling once the application is ready and, on shutdown, stop polling
 * and wait for running tasks up to the configured grace period. The interceptors (tracing) see every
 * workflow and activity task.
 */
public class DomainWorkers implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DomainWorkers.class);

  private final WorkerFactory factory;
  private final WorkerSettings workerSettings;
  private final Map<DomainQueue, String> queueNames = new LinkedHashMap<>();

  /** Workers without interceptors. */
  public DomainWorkers(
      WorkflowClient client,
      TemporalSettings settings,
      WorkerSettings workerSettings,
      ActivityOptionsCatalog catalog,
      List<WorkerRegistration> registrations) {
    this(client, settings, workerSettings, catalog, registrations, List.of());
  }

  public DomainWorkers(
      WorkflowClient client,
      TemporalSettings settings,
      WorkerSettings workerSettings,
      ActivityOptionsCatalog catalog,
      List<WorkerRegistration> registrations,
      List<WorkerInterceptor> interceptors) {
    this.factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
        .build());
    this.workerSettings = workerSettings;
    WorkerOptions workerOptions = WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(workerSettings.maxConcurrentActivities())
        .setMaxConcurrentWorkflowTaskExecutionSize(workerSettings.maxConcurrentWorkflowTasks())
        .build();
    for (DomainQueue queue : DomainQueue.values()) {
      if (!workerSettings.taskQueues().contains(queue)) {
        continue;
      }
      List<WorkerRegistration> forQueue =
          registrations.stream().filter(r -> r.queues().contains(queue)).toList();
      if (forQueue.isEmpty()) {
        continue; // nothing to run there yet: no poller
      }
      String name = settings.taskQueue(queue);
      queueNames.put(queue, name);
      Worker worker = factory.newWorker(name, workerOptions);
      forQueue.forEach(registration -> register(worker, queue, registration, catalog));
    }
  }

  private static void register(
      Worker worker, DomainQueue queue, WorkerRegistration registration, ActivityOptionsCatalog catalog) {
    WorkflowImplementationOptions options =
        catalog.workflowOptions(queue.defaultActivityOptions(), registration.activityOptionsByType());
    for (Class<?> type : registration.workflowImplementationTypes()) {
      worker.registerWorkflowImplementationTypes(options, type);
    }
    if (!registration.activities().isEmpty()) {
      worker.registerActivitiesImplementations(registration.activities().toArray());
    }
  }

  /** The task queue names this process polls, by domain. */
  public Map<DomainQueue, String> queueNames() {
    return Map.copyOf(queueNames);
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    start();
  }

  @Override
  public boolean isAutoStartup() {
    return false; // started by ApplicationReadyEvent, after the web server accepts requests
  }

  @Override
  public synchronized void start() {
    if (!factory.isStarted()) {
      factory.start();
      log.info("Workers polling task queues {}", queueNames.values());
    }
  }

  @Override
  public synchronized void stop() {
    if (!factory.isStarted() || factory.isShutdown()) {
      return;
    }
    long graceMillis = workerSettings.shutdownGracePeriod().toMillis();
    log.info("Stopping workers; waiting up to {} ms for running tasks", graceMillis);
    factory.shutdown();
    factory.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("Workers still busy after the grace period; interrupting them");
      factory.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return factory.isStarted() && !factory.isShutdown();
  }

  @Override
  public int getPhase() {
    // Stop after the web server's graceful shutdown, before the client's connection closes.
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
