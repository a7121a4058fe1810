package com.partnerplatform.operations;

import io.temporal.activity.Activity;

class CanaryActivitiesImpl implements CanaryActivities {

  @Override
  public String servingTaskQueue() {
    return Activity.getExecutionContext().getInfo().getActivityTaskQueue();
  }
}
