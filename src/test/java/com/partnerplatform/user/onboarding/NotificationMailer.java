package com.partnerplatform.user.onboarding;

import com.partnerplatform.user.NotificationRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The e-mail of {@link MailingNotificationWorkflow}. */
@ActivityInterface
public interface NotificationMailer {

  @ActivityMethod(name = "TestDoubleMailNotification")
  void mail(NotificationRequest request);
}
