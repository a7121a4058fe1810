package com.partnerplatform.user.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface(namePrefix = "Notification")
public interface WebhookActivity {

  /**
   * POSTs the notification, signed, to the user's webhook unless this delivery was accepted already.
   *
   * @throws io.temporal.failure.ApplicationFailure retryable {@code WEBHOOK_UNAVAILABLE} for
   *     network errors, timeouts, 408, 429 and 5xx answers; non-retryable {@code WEBHOOK_REJECTED}
   *     for other answers, {@code WEBHOOK_NOT_REGISTERED} or {@code USER_NOT_FOUND}
   */
  @ActivityMethod
  void postWebhook(Delivery delivery);
}
