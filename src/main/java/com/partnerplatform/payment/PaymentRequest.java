package com.partnerplatform.payment;

import java.time.Duration;
import java.util.UUID;

/**
 * The input of {@link PaymentWorkflow}.
 *
 * @param reservationTime how long stock stays reserved, and so how long the saga waits for another
 *     payment method after a decline
 * @param notificationTaskQueue the users task queue, where the customer's notifications run
 */
public record PaymentRequest(UUID orderId, UUID userId, PaymentMethod paymentMethod, Duration reservationTime,
    String notificationTaskQueue) {}
