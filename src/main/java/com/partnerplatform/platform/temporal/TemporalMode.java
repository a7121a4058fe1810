package com.partnerplatform.platform.temporal;

/** How the application reaches a Temporal engine ({@code platform.temporal.mode}). */
public enum TemporalMode {
  /** A cluster or Temporal Cloud at {@code platform.temporal.address}. */
  EXTERNAL,
  /** A {@code temporal server start-dev} process that the application starts and supervises. */
  DEV_SERVER,
  /** Temporal's in-process test server: state is lost on restart, no Schedules. */
  IN_MEMORY,
  /** {@link #DEV_SERVER} when a {@code temporal} CLI is found, else {@link #IN_MEMORY}. */
  AUTO
}
