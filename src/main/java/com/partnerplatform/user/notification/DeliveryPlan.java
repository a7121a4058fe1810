package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationChannel;
import java.util.List;
import java.util.Map;

/**
 * What the notification workflow does for one request, decided from the user's settings when it
 * starts.
 *
 * @param deliver the channels to deliver on
 * @param skipped the channels not delivered on, with the reason (opted out, not set up)
 * @param quietHours the user's quiet hours, or null when there are none or they do not apply to the
 *     type (transactional types); the workflow still delivers urgent requests at once
 */
public record DeliveryPlan(
    List<NotificationChannel> deliver, Map<NotificationChannel, String> skipped, QuietHours quietHours) {}
