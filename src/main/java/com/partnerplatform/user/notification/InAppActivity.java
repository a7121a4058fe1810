package com.partnerplatform.user.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface(namePrefix = "Notification")
public interface InAppActivity {

  /**
   * Puts the notification into the user's inbox (once per delivery) and wakes the live stream.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code USER_NOT_FOUND}
   */
  @ActivityMethod
  void storeInApp(Delivery delivery);
}
