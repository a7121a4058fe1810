package com.partnerplatform.user.notification;

import com.partnerplatform.platform.security.OpaqueTokens;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.mail.MailSettings;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.notification.NotificationTemplates.RenderedNotification;
import com.partnerplatform.user.notification.Recipients.Recipient;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

@Component
class EmailActivityImpl implements EmailActivity {

  private final JavaMailSender mailSender;
  private final MailSettings mailSettings;
  private final NotificationTemplates templates;
  private final Recipients recipients;
  private final DeliveryLog deliveryLog;
  private final NotificationMetrics metrics;
  private final Clock clock;

  EmailActivityImpl(JavaMailSender mailSender, MailSettings mailSettings, NotificationTemplates templates,
      Recipients recipients, DeliveryLog deliveryLog, NotificationMetrics metrics, Clock clock) {
    this.mailSender = mailSender;
    this.mailSettings = mailSettings;
    this.templates = templates;
    this.recipients = recipients;
    this.deliveryLog = deliveryLog;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void sendEmail(Delivery delivery) {
    metrics.attempt(NotificationChannel.EMAIL, () -> send(delivery));
  }

  /** @return whether this call recorded the delivery */
  private boolean send(Delivery delivery) {
    if (deliveryLog.isDelivered(delivery.key(), NotificationChannel.EMAIL)) {
      return false;
    }
    Recipient recipient = recipients.require(delivery.request().userId());
    MimeMessage message = compose(delivery, recipient, templates.render(delivery.request(), recipient.name()));
    try {
      mailSender.send(message);
    } catch (MailException e) {
      if (e instanceof MailSendException sendFailure && hasInvalidAddress(sendFailure)) {
        throw invalidAddress(recipient, e);
      }
      // Unreachable server, refused login, temporary rejection: worth another attempt.
      throw ApplicationFailure.newFailureWithCause(
          "The SMTP server did not take the message: " + e.getMostSpecificCause().getMessage(), "SMTP_FAILED", e);
    }
    return deliveryLog.recordDelivered(delivery.key(), NotificationChannel.EMAIL, SqlTimestamps.now(clock));
  }

  private MimeMessage compose(Delivery delivery, Recipient recipient, RenderedNotification content) {
    MimeMessage message = mailSender.createMimeMessage();
    try {
      InternetAddress to = new InternetAddress(recipient.email(), true);
      MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(mailSettings.from());
      helper.setTo(to);
      helper.setSubject(content.subject());
      helper.setText(content.text(), content.html());
      // Kept by the sender: a message sent twice after a lost acknowledgement is recognisably the same.
      message.setHeader("Message-ID", messageId(delivery.key()));
    } catch (AddressException e) {
      throw invalidAddress(recipient, e);
    } catch (MessagingException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "The message cannot be composed: " + e.getMessage(), "INVALID_MESSAGE", e);
    }
    return message;
  }

  /** {@code <sha256(key)@sender-domain>}: stable per delivery and valid whatever the key holds. */
  private String messageId(String deliveryKey) {
    String from = mailSettings.from();
    return "<" + OpaqueTokens.sha256Hex(deliveryKey) + from.substring(from.lastIndexOf('@')) + ">";
  }

  private static boolean hasInvalidAddress(MailSendException e) {
    return e.getFailedMessages().values().stream().anyMatch(failure -> failure instanceof SendFailedException sendFailed
        && sendFailed.getInvalidAddresses() != null && sendFailed.getInvalidAddresses().length > 0);
  }

  private static ApplicationFailure invalidAddress(Recipient recipient, Exception cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(
        "The e-mail address of user " + recipient.id() + " is not deliverable: " + cause.getMessage(),
        "INVALID_EMAIL_ADDRESS", cause);
  }

}
