package com.partnerplatform.analytics;

import com.partnerplatform.platform.mail.MailSettings;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mails of the analytics domain to admins and report recipients, over the application's SMTP setup. */
@Component
class AnalyticsMail {

  private final JavaMailSender sender;
  private final MailSettings settings;
  private final JdbcClient jdbc;

  AnalyticsMail(JavaMailSender sender, MailSettings settings, JdbcClient jdbc) {
    this.sender = sender;
    this.settings = settings;
    this.jdbc = jdbc;
  }

  /** The addresses of the admins whose accounts are not disabled (read-only SQL on the user domain's tables). */
  List<String> adminAddresses() {
    return jdbc.sql("select u.email from users u join user_roles r on r.user_id = u.id "
            + "where r.role = 'ADMIN' and u.status <> 'disabled' order by u.email")
        .query(String.class)
        .list();
  }

  String publicBaseUrl() {
    return settings.publicBaseUrl();
  }

  /**
   * Sends one message to all recipients.
   *
   * @param attachment a file to attach, or null
   */
  void send(List<String> to, String subject, String text, Path attachment, String attachmentName) {
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, attachment != null, StandardCharsets.UTF_8.name());
      helper.setFrom(settings.from());
      helper.setTo(to.toArray(String[]::new));
      helper.setSubject(subject);
      helper.setText(text);
      if (attachment != null) {
        helper.addAttachment(attachmentName, new FileSystemResource(attachment));
      }
    } catch (MessagingException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "The message cannot be composed: " + e.getMessage(), "INVALID_MESSAGE", e);
    }
    try {
      sender.send(message);
    } catch (MailException e) {
      throw ApplicationFailure.newFailureWithCause(
          "The SMTP server did not take the message: " + e.getMostSpecificCause().getMessage(), "SMTP_FAILED", e);
    }
  }
}
