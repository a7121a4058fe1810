package com.partnerplatform.payment;

import java.time.Instant;

/**
 * Where a running payment saga is: the answer of {@link PaymentWorkflow#getStatus()}.
 *
 * @param step e.g. {@code charging}, {@code awaiting_payment_method}, {@code compensating}
 * @param attempts payment methods charged so far
 * @param lastError the last failure, as {@code CODE: message}; null when none
 * @param awaitingPaymentMethodUntil when the saga gives up waiting for another payment method
 * @param transactionId the charge's gateway reference once charged
 */
public record PaymentStatus(String step, int attempts, String lastError, Instant awaitingPaymentMethodUntil,
    String transactionId) {}
