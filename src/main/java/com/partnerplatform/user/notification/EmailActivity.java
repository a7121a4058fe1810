package com.partnerplatform.user.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface(namePrefix = "Notification")
public interface EmailActivity {

  /** The activity type, which workers map to the {@code email} activity options. */
  String TYPE = "NotificationSendEmail";

  /**
   * Sends the notification by SMTP unless this delivery was sent already.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code USER_NOT_FOUND} or
   *     {@code INVALID_EMAIL_ADDRESS}; retryable {@code SMTP_FAILED} when the server cannot be
   *     reached or refuses the message
   */
  @ActivityMethod
  void sendEmail(Delivery delivery);
}
