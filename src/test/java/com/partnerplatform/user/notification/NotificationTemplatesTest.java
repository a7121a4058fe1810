package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.notification.NotificationTemplates.RenderedNotification;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTemplatesTest {

  private final NotificationTemplates templates = new NotificationTemplates();

  @Test
  void theWelcomeEmailCarriesTheVerificationLink() {
    RenderedNotification mail = templates.render(welcome(Map.of(
        "verificationUrl", "http://localhost:8080/api/auth/verify-email?token=abc",
        "expiresAt", "2026-12-03T03:32:12Z")), "Bea");

    assertThat(mail.text()).contains("http://localhost:8080/api/auth/verify-email?token=abc")
        .contains("valid until 2026-12-03T03:32:12Z");
    assertThat(mail.html()).contains("href=\"http://localhost:8080/api/auth/verify-email?token=abc\"");
  }

  @Test
  void theInAppWelcomeHasNoLinkAndPointsToTheEmail() {
    RenderedNotification inApp = templates.render(welcome(Map.of()), "Bea");

    assertThat(inApp.text()).contains("We have sent you an e-mail").doesNotContain("opening this link");
    assertThat(inApp.html()).contains("We have sent you an e-mail").doesNotContain("href");
  }

  @Test
  void theCallersTextIsEscapedInHtml() {
    NotificationRequest announcement = new NotificationRequest(UUID.randomUUID(), "announcement",
        "Maintenance <tonight>", "<script>alert(1)</script>", Map.of(), Set.of(NotificationChannel.EMAIL),
        false, "k");

    RenderedNotification mail = templates.render(announcement, "Bea <b>");

    assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;")
        .doesNotContain("Bea <b>");
    assertThat(mail.subject()).isEqualTo("Maintenance <tonight>");
  }

  private static NotificationRequest welcome(Map<String, String> data) {
    return new NotificationRequest(UUID.randomUUID(), "welcome", null, null, data,
        Set.of(NotificationChannel.EMAIL), true, "onboarding-run-welcome");
  }
}
