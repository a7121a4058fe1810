package com.partnerplatform.platform.mail;

import com.partnerplatform.platform.mail.EmbeddedMailServer.CapturedMail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the embedded SMTP server captured; exists only while it runs (local mode). */
@RestController
@ConditionalOnProperty(name = "platform.mail.embedded", havingValue = "true")
@Tag(name = "Development", description = "Only while the embedded SMTP server runs")
class MailboxController {

  private final EmbeddedMailServer server;

  MailboxController(EmbeddedMailServer server) {
    this.server = server;
  }

  @GetMapping("/api/dev/mailbox")
  @PreAuthorize("hasRole('ADMIN')")
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Mail captured by the embedded SMTP server, oldest first (admin)")
  List<CapturedMail> mailbox() {
    return server.messages();
  }
}
