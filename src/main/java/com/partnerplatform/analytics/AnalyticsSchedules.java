package com.partnerplatform.analytics;

import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The five schedules of the analytics domain and how each is made to match its definition. Each
 * starts one workflow on the analytics queue, skips a run while the previous one still runs and
 * catches up on runs missed within the catch-up window.
 */
@Component
class AnalyticsSchedules {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsSchedules.class);

  /**
   * @param id the schedule id, also the prefix of its runs' workflow ids
   * @param workflowTimeout an entry of {@code platform.temporal.workflow-timeouts}
   */
  record Definition(String id, Class<?> workflowType, Object argument, String workflowTimeout) {}

  static final List<Definition> DEFINITIONS = List.of(
      new Definition("daily-report", ReportWorkflow.class, new ReportRequest(ReportType.PLATFORM, null, null),
          "medium"),
      new Definition("weekly-cleanup", CleanupWorkflow.class, new CleanupRequest(CleanupType.ALL, null, false),
          "long"),
      new Definition("subscriptions-reconcile", ReconciliationWorkflow.class, ReconciliationTarget.SUBSCRIPTIONS,
          "medium"),
      new Definition("listings-reconcile", ReconciliationWorkflow.class, ReconciliationTarget.LISTINGS, "medium"),
      new Definition("payments-reconcile", ReconciliationWorkflow.class, ReconciliationTarget.PAYMENTS, "medium"));

  private final ScheduleClient schedules;
  private final ScheduleProperties properties;
  private final TemporalSettings temporal;

  AnalyticsSchedules(ScheduleClient schedules, ScheduleProperties properties, TemporalSettings temporal) {
    this.schedules = schedules;
    this.properties = properties;
    this.temporal = temporal;
    ZoneId.of(properties.timeZone()); // an unknown zone fails at startup, not at the server
    DEFINITIONS.forEach(definition -> properties.cronOf(definition.id()));
  }

  static Optional<Definition> definition(String id) {
    return DEFINITIONS.stream().filter(definition -> definition.id().equals(id)).findFirst();
  }

  /**
   * Creates the schedule, or updates it when it exists; a paused schedule stays paused. Processes
   * starting at once may all call this: one creates, the others update to the same definition.
   *
   * @return whether it was created
   */
  boolean createOrUpdate(Definition definition) {
    Schedule desired = schedule(definition);
    try {
      schedules.createSchedule(definition.id(), desired, ScheduleOptions.newBuilder().build());
      return true;
    } catch (ScheduleAlreadyRunningException exists) {
      schedules.getHandle(definition.id()).update(input -> new ScheduleUpdate(Schedule.newBuilder(desired)
          .setState(input.getDescription().getSchedule().getState())
          .build()));
      return false;
    }
  }

  /** Creates or updates every schedule, logging what it did. */
  void createOrUpdateAll() {
    for (Definition definition : DEFINITIONS) {
      boolean created = createOrUpdate(definition);
      log.info("Schedule {} {}: cron '{}' in {}, starts {} on {}", definition.id(), created ? "created" : "updated",
          properties.cronOf(definition.id()), properties.timeZone(), definition.workflowType().getSimpleName(),
          temporal.taskQueue(DomainQueue.ANALYTICS));
    }
  }

  Schedule schedule(Definition definition) {
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(definition.workflowType())
            .setArguments(definition.argument())
            .setOptions(WorkflowOptions.newBuilder()
                .setWorkflowId(definition.id())
                .setTaskQueue(temporal.taskQueue(DomainQueue.ANALYTICS))
                .setWorkflowExecutionTimeout(temporal.workflowTimeout(definition.workflowTimeout()))
                .build())
            .build())
        .setSpec(ScheduleSpec.newBuilder()
            .setCronExpressions(List.of(properties.cronOf(definition.id())))
            .setTimeZoneName(properties.timeZone())
            .build())
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .setCatchupWindow(properties.catchupWindow())
            .build())
        .build();
  }
}
