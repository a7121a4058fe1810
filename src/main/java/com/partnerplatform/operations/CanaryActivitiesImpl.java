package com.partnerplatform.operations;

import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CanaryActivitiesImpl implements CanaryActivities {

  private static final Logger log = LoggerFactory.getLogger(CanaryActivitiesImpl.class);

  @Override
  public String servingTaskQueue() {
    String taskQueue = Activity.getExecutionContext().getInfo().getActivityTaskQueue();
    // The SDK puts WorkflowId, RunId and ActivityType into the log context of activity threads.
    log.info("Canary answered on task queue {}", taskQueue);
    return taskQueue;
  }
}
