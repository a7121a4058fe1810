package com.partnerplatform.payment;

import java.util.UUID;

/**
 * The result of a payment saga that paid its order (failures end the workflow as failed or
 * cancelled).
 *
 * @param attempts payment methods charged, the last one successfully
 */
public record PaymentOutcome(UUID orderId, String transactionId, int attempts) {}
