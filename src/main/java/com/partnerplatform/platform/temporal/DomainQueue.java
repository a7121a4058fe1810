package com.partnerplatform.platform.temporal;

/**
 * The task queue of each domain. Each queue has its own worker so that a domain scales on its own,
 * and its activities default to the activity options named here (the seed's
 * {@code ACTIVITY_OPTIONS}).
 */
public enum DomainQueue {
  USERS("users", "notification"),
  PAYMENTS("payments", "payment"),
  LISTINGS("listings", "listing"),
  ANALYTICS("analytics", "analytics");

  private final String key;
  private final String defaultActivityOptions;

  DomainQueue(String key, String defaultActivityOptions) {
    this.key = key;
    this.defaultActivityOptions = defaultActivityOptions;
  }

  /** The key used in configuration, e.g. {@code platform.temporal.task-queues.users}. */
  public String key() {
    return key;
  }

  /** The entry of {@code platform.temporal.activity-options} this queue's activities use. */
  public String defaultActivityOptions() {
    return defaultActivityOptions;
  }
}
