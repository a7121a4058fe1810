package com.partnerplatform.analytics;

import com.partnerplatform.platform.PlatformProperties;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.temporal.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Creates or updates the schedules once the application is ready, in every process that polls the
 * analytics queue: those run what the schedules start, whatever the API processes do. Several such
 * processes starting together are safe, since creating an existing schedule becomes an update to
 * the same definition.
 */
@Component
class ScheduleRegistrar implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(ScheduleRegistrar.class);

  private final AnalyticsSchedules schedules;
  private final TemporalEngine engine;
  private final PlatformProperties platform;
  private final WorkerSettings workers;

  ScheduleRegistrar(AnalyticsSchedules schedules, TemporalEngine engine, PlatformProperties platform,
      WorkerSettings workers) {
    this.schedules = schedules;
    this.engine = engine;
    this.platform = platform;
    this.workers = workers;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (!engine.supportsServerFeatures()) {
      log.warn("Temporal Schedules need a Temporal server (dev-server or external mode); with the in-memory"
          + " engine the schedules {} are not created and /api/admin/schedules answers 503",
          AnalyticsSchedules.DEFINITIONS.stream().map(AnalyticsSchedules.Definition::id).toList());
      return;
    }
    if (!platform.role().runsWorkers() || !workers.taskQueues().contains(DomainQueue.ANALYTICS)) {
      log.info("Schedules are created by the processes that poll the analytics queue, not by this one");
      return;
    }
    try {
      schedules.createOrUpdateAll();
    } catch (RuntimeException e) {
      // The server may be down for a moment: the next start of an analytics worker creates them.
      log.error("The schedules could not be created or updated: {}", e.getMessage(), e);
    }
  }
}
