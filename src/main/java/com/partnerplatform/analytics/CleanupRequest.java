package com.partnerplatform.analytics;

/**
 * The input of a clean-up workflow.
 *
 * @param retentionDays keep what is younger; null for each type's configured retention
 * @param dryRun count what would be removed, remove nothing
 */
public record CleanupRequest(CleanupType type, Integer retentionDays, boolean dryRun) {}
