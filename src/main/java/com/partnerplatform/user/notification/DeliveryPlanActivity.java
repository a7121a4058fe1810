package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface(namePrefix = "Notification")
public interface DeliveryPlanActivity {

  /**
   * Reads the user's preferences, quiet hours and webhook registration.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code USER_NOT_FOUND}
   */
  @ActivityMethod
  DeliveryPlan planDelivery(NotificationRequest request);
}
