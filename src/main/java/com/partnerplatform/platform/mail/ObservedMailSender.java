package com.partnerplatform.platform.mail;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A mail sender whose every SMTP delivery is an observation ({@code mail.send}), so that it is a span
 * of the trace that sends it (an e-mail activity's).
 */
final class ObservedMailSender implements JavaMailSender {

  static final String OBSERVATION = "mail.send";

  private final JavaMailSender delegate;
  private final ObservationRegistry registry;
  private final String server;

  ObservedMailSender(JavaMailSender delegate, ObservationRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
    this.server = delegate instanceof JavaMailSenderImpl impl
        ? impl.getHost() + ":" + impl.getPort() : "unknown";
  }

  @Override
  public MimeMessage createMimeMessage() {
    return delegate.createMimeMessage();
  }

  @Override
  public MimeMessage createMimeMessage(InputStream contentStream) {
    return delegate.createMimeMessage(contentStream);
  }

  @Override
  public void send(MimeMessage... mimeMessages) {
    observe(mimeMessages.length).observe(() -> delegate.send(mimeMessages));
  }

  @Override
  public void send(SimpleMailMessage... simpleMessages) {
    observe(simpleMessages.length).observe(() -> delegate.send(simpleMessages));
  }

  private Observation observe(int messages) {
    return Observation.createNotStarted(OBSERVATION, registry)
        .contextualName("smtp send")
        .lowCardinalityKeyValue("server.address", server)
        .highCardinalityKeyValue("messages", String.valueOf(messages));
  }
}
