package com.partnerplatform.operations;

/**
 * What a canary run saw.
 *
 * @param workflowTaskQueue the queue its workflow task ran on
 * @param activityTaskQueue the queue its activity task was delivered on
 */
public record CanaryReport(String workflowTaskQueue, String activityTaskQueue) {}
