package com.partnerplatform.user;

/**
 * Sends notifications to users; other domains use this (payment receipts, listing decisions ...).
 * Each notification runs as a {@link NotificationWorkflow}; sending the same request (same user and
 * dedup key) twice starts it once.
 */
public interface Notifications {

  /** Starts the notification's workflow (or finds the running one) and returns its id. */
  String send(NotificationRequest request);
}
