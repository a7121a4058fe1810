package com.partnerplatform.user.onboarding;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.NotificationResult.ChannelOutcome;
import com.partnerplatform.user.NotificationWorkflow;
import io.temporal.workflow.Workflow;
import java.util.EnumMap;
import java.util.Map;

/**
 * Stands in for the notification workflow while its implementation is not on this branch: mails
 * e-mail requests through the application's mail sender and reports every channel sent.
 */
public class MailingNotificationWorkflow implements NotificationWorkflow {

  private final NotificationMailer mailer = Workflow.newActivityStub(NotificationMailer.class);
  private NotificationResult result = new NotificationResult(Map.of());

  @Override
  public NotificationResult send(NotificationRequest request) {
    Map<NotificationChannel, ChannelOutcome> outcomes = new EnumMap<>(NotificationChannel.class);
    for (NotificationChannel channel : request.channels()) {
      if (channel == NotificationChannel.EMAIL) {
        mailer.mail(request);
      }
      outcomes.put(channel, ChannelOutcome.sent());
    }
    result = new NotificationResult(outcomes);
    return result;
  }

  @Override
  public NotificationResult getStatus() {
    return result;
  }
}
