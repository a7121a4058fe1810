package com.partnerplatform.user.notification;

import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.notification.PreferenceStore.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users/me")
@Tag(name = "Notification settings", description = "The caller's notification preferences and webhook")
@SecurityRequirement(name = "bearer")
class NotificationSettingsController {

  private final PreferenceService service;

  NotificationSettingsController(PreferenceService service) {
    this.service = service;
  }

  @GetMapping("/notification-preferences")
  @Operation(summary = "The caller's notification preferences",
      description = "types lists the channels on per notification type; types not listed have every channel"
          + " on. Webhook notifications need a registered webhook (webhookUrl). Account messages ("
          + "welcome, verification_reminder, onboarding_complete) are always delivered.")
  @ApiResponse(responseCode = "200", description = "The preferences")
  public PreferencesView preferences(@AuthenticationPrincipal Jwt token) {
    return PreferencesView.of(service.get(Caller.userId(token)));
  }

  @PutMapping("/notification-preferences")
  @Operation(summary = "Replace the caller's notification preferences",
      description = "Replaces the per-type channels and the quiet hours (null: none). During quiet hours"
          + " non-urgent notifications wait until the quiet hours end.")
  @ApiResponse(responseCode = "200", description = "The preferences now in force")
  @ApiResponse(responseCode = "400",
      description = "VALIDATION_FAILED (unknown channel, bad type or time), INVALID_QUIET_HOURS (unknown time"
          + " zone, start equal to end) or TRANSACTIONAL_TYPE; nothing changes")
  public PreferencesView replacePreferences(
      @AuthenticationPrincipal Jwt token, @Valid @RequestBody PreferencesUpdate update) {
    return PreferencesView.of(service.replace(Caller.userId(token), update.channelsByType(), update.quietHours()));
  }

  @PutMapping("/webhook")
  @Operation(summary = "Register the caller's webhook",
      description = "Notifications are POSTed as JSON {id, type, subject, message, data, createdAt} with the"
          + " header Idempotency-Key (the notification's id) and a signature header carrying sha256= and the"
          + " hex HMAC-SHA256 of the body bytes keyed with the secret. The secret is returned only here;"
          + " registering again replaces URL and secret.")
  @ApiResponse(responseCode = "200", description = "The webhook with its signing secret")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or INVALID_WEBHOOK_URL")
  public WebhookView registerWebhook(@AuthenticationPrincipal Jwt token, @Valid @RequestBody WebhookRegistration body) {
    Webhook webhook = service.registerWebhook(Caller.userId(token), body.url());
    return new WebhookView(webhook.url(), webhook.secret());
  }

  @DeleteMapping("/webhook")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove the caller's webhook")
  @ApiResponse(responseCode = "204", description = "Removed (or there was none)")
  public void removeWebhook(@AuthenticationPrincipal Jwt token) {
    service.removeWebhook(Caller.userId(token));
  }

  record PreferencesView(
      Map<String, List<NotificationChannel>> types, QuietHours quietHours, String webhookUrl) {

    static PreferencesView of(NotificationPreferences preferences) {
      Map<String, List<NotificationChannel>> types = new TreeMap<>();
      preferences.types().forEach((type, channels) -> types.put(type, List.copyOf(channels)));
      return new PreferencesView(types, preferences.quietHours(), preferences.webhookUrl());
    }
  }

  record PreferencesUpdate(
      @Schema(example = "{\"announcement\": [\"email\", \"in_app\"]}")
      @Size(max = 100)
      Map<@NotNull @Pattern(regexp = NotificationTypes.PATTERN,
              message = "must be a notification type: lower-case letters, digits or underscores") String,
          @NotNull @Size(max = 3) List<@NotNull @Pattern(regexp = NotificationController.CHANNEL_PATTERN,
              message = "must be email, in_app or webhook") String>> types,
      @Valid QuietHours quietHours) {

    Map<String, Set<NotificationChannel>> channelsByType() {
      Map<String, Set<NotificationChannel>> result = new TreeMap<>();
      if (types != null) {
        types.forEach((type, keys) -> {
          Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
          keys.forEach(key -> channels.add(NotificationChannel.fromKey(key)));
          result.put(type, channels);
        });
      }
      return result;
    }
  }

  record WebhookRegistration(
      @Schema(example = "https://example.com/hooks/partner-platform") @NotBlank @Size(max = 2000) String url) {}

  record WebhookView(String url, String secret) {}
}
