package com.partnerplatform.operations;

import io.temporal.activity.ActivityInterface;

/** The canary's single activity; the prefix keeps its type name apart from the domains' activities. */
@ActivityInterface(namePrefix = "Canary")
public interface CanaryActivities {

  /** The task queue this activity task was delivered on, as seen by the worker that ran it. */
  String servingTaskQueue();
}
