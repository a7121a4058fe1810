package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationRequest;
import java.time.Instant;

/**
 * One notification as the channel activities deliver it.
 *
 * @param key the notification workflow's id: each channel delivers a key at most once, and
 *     receivers can deduplicate by it (e-mail Message-ID, webhook Idempotency-Key)
 * @param createdAt when the notification workflow started
 * @param request what to send to whom
 */
public record Delivery(String key, Instant createdAt, NotificationRequest request) {}
