package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.mail.MailSettings;
import com.partnerplatform.user.NotificationRequest;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Mails the notification type as subject and its data as text to the user's address. */
class SmtpNotificationMailer implements NotificationMailer {

  private final JavaMailSender sender;
  private final JdbcClient jdbc;
  private final MailSettings settings;

  SmtpNotificationMailer(JavaMailSender sender, JdbcClient jdbc, MailSettings settings) {
    this.sender = sender;
    this.jdbc = jdbc;
    this.settings = settings;
  }

  @Override
  public void mail(NotificationRequest request) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(settings.from());
    message.setTo(jdbc.sql("select email from users where id = :id")
        .param("id", request.userId()).query(String.class).single());
    message.setSubject(request.type());
    message.setText(request.data().entrySet().stream()
        .map(entry -> entry.getKey() + ": " + entry.getValue())
        .collect(Collectors.joining("\n")));
    sender.send(message);
  }
}
