package com.partnerplatform.platform.temporal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a domain contributes to the workers: its workflow implementation classes and activity beans,
 * on the queues it runs on. Domains declare one as a bean; {@link DomainWorkers} registers it on
 * every queue this process polls.
 *
 * @param queues the domain queues to register on
 * @param workflowImplementationTypes workflow implementation classes
 * @param activities activity implementation instances (Spring beans)
 * @param activityOptionsByType overrides of the queue's default activity options per activity type,
 *     as names from {@code platform.temporal.activity-options} (e.g. cleanup activities)
 */
public record WorkerRegistration(
    Set<DomainQueue> queues,
    List<Class<?>> workflowImplementationTypes,
    List<Object> activities,
    Map<String, String> activityOptionsByType) {

  public WorkerRegistration {
    queues = Set.copyOf(queues);
    workflowImplementationTypes = List.copyOf(workflowImplementationTypes);
    activities = List.copyOf(activities);
    activityOptionsByType = Map.copyOf(activityOptionsByType);
  }

  public static WorkerRegistration on(
      DomainQueue queue, List<Class<?>> workflowImplementationTypes, List<Object> activities) {
    return new WorkerRegistration(Set.of(queue), workflowImplementationTypes, activities, Map.of());
  }
}
