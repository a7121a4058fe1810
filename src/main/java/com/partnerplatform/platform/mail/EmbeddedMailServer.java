package com.partnerplatform.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server inside the application (GreenMail) for local runs: mail really leaves through
 * SMTP and is captured here, where the mailbox endpoint shows it.
 */
public class EmbeddedMailServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

  private final GreenMail greenMail;
  private final int port;

  EmbeddedMailServer(int requestedPort) {
    this.port = requestedPort == 0 ? freePort() : requestedPort;
    this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    log.info("Embedded SMTP server (GreenMail) listening on 127.0.0.1:{}; captured mail at /api/dev/mailbox", port);
  }

  public int port() {
    return port;
  }

  /** Every message received so far, oldest first. */
  public List<CapturedMail> messages() {
    List<CapturedMail> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      try {
        Instant received = message.getSentDate() == null ? null : message.getSentDate().toInstant();
        List<String> to = message.getAllRecipients() == null ? List.of()
            : Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        mails.add(new CapturedMail(to, message.getSubject(), received, plainText(message)));
      } catch (MessagingException | IOException e) {
        log.warn("Skipping a captured message that cannot be read", e);
      }
    }
    return mails;
  }

  /** The text/plain part of a message, or its whole body when it has none. */
  private static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = plainText(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
      return null;
    }
    return part instanceof MimeMessage ? GreenMailUtil.getBody(part) : null;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the embedded SMTP server", e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  /** A message as the mailbox endpoint shows it. */
  public record CapturedMail(List<String> to, String subject, Instant receivedAt, String text) {}
}
