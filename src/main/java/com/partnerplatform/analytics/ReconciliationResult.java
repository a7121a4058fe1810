package com.partnerplatform.analytics;

/**
 * What a reconciliation run did.
 *
 * @param restarted workflows started again
 * @param expired listings expired because they were overdue (listings only)
 * @param note why nothing could be done, or null
 */
public record ReconciliationResult(ReconciliationTarget target, int restarted, int expired, String note) {}
