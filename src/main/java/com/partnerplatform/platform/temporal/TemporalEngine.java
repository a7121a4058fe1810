package com.partnerplatform.platform.temporal;

/**
 * The engine this process uses, as resolved at startup.
 *
 * @param mode the resolved mode (never {@code AUTO})
 * @param address host:port of the frontend, or {@code in-process}
 * @param namespace the namespace
 * @param webUiUrl the Temporal Web UI, or {@code null} when there is none
 */
public record TemporalEngine(TemporalMode mode, String address, String namespace, String webUiUrl) {

  /** Schedules, visibility queries and task-queue descriptions need a real server. */
  public boolean supportsServerFeatures() {
    return mode != TemporalMode.IN_MEMORY;
  }
}
