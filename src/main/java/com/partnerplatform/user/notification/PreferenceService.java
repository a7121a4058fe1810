package com.partnerplatform.user.notification;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.notification.PreferenceStore.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Users' notification preferences and webhooks. */
@Service
class PreferenceService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PreferenceStore store;
  private final WebhookTargets targets;
  private final Clock clock;

  PreferenceService(PreferenceStore store, WebhookTargets targets, Clock clock) {
    this.store = store;
    this.targets = targets;
    this.clock = clock;
  }

  NotificationPreferences get(UUID userId) {
    return store.load(userId);
  }

  /**
   * Replaces the per-type channels and the quiet hours.
   *
   * @throws ApiException 400 {@code TRANSACTIONAL_TYPE} or {@code INVALID_QUIET_HOURS}; nothing
   *     changes
   */
  NotificationPreferences replace(UUID userId, Map<String, Set<NotificationChannel>> types, QuietHours quietHours) {
    types.keySet().stream().filter(NotificationTypes::isTransactional).findFirst().ifPresent(type -> {
      throw ApiException.badRequest("TRANSACTIONAL_TYPE",
          "'" + type + "' notifications concern the account itself and are always delivered; leave them out.");
    });
    if (quietHours != null) {
      checkQuietHours(quietHours);
    }
    Instant now = SqlTimestamps.now(clock);
    store.ensureSettingsRow(userId, now);
    store.replace(userId, types, quietHours, now);
    return store.load(userId);
  }

  /**
   * Registers (or replaces) the user's webhook with a new signing secret.
   *
   * @return the webhook with its secret, which is shown this once
   * @throws ApiException 400 {@code INVALID_WEBHOOK_URL}
   */
  Webhook registerWebhook(UUID userId, String url) {
    Webhook webhook = new Webhook(checkWebhookUrl(url.trim()), newSecret());
    Instant now = SqlTimestamps.now(clock);
    store.ensureSettingsRow(userId, now);
    store.setWebhook(userId, webhook, now);
    return webhook;
  }

  void removeWebhook(UUID userId) {
    store.setWebhook(userId, null, SqlTimestamps.now(clock));
  }

  private static void checkQuietHours(QuietHours quietHours) {
    if (quietHours.start().equals(quietHours.end())) {
      throw ApiException.badRequest("INVALID_QUIET_HOURS", "quietHours.start and quietHours.end must differ.");
    }
    try {
      ZoneId.of(quietHours.timeZone());
    } catch (DateTimeException e) {
      throw ApiException.badRequest("INVALID_QUIET_HOURS",
          "quietHours.timeZone '" + quietHours.timeZone() + "' is not a time zone; use an id such as Europe/Berlin.");
    }
  }

  /**
   * An absolute http or https URL without credentials (the signature authenticates us) whose host
   * resolves to an address webhooks may call.
   */
  private String checkWebhookUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalidWebhookUrl();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
      throw invalidWebhookUrl();
    }
    try {
      targets.refusal(uri).ifPresent(reason -> {
        throw ApiException.badRequest("WEBHOOK_ADDRESS_NOT_ALLOWED", reason);
      });
    } catch (UnknownHostException e) {
      throw ApiException.badRequest("INVALID_WEBHOOK_URL", "The webhook host " + uri.getHost() + " does not resolve.");
    }
    return uri.toString();
  }

  private static ApiException invalidWebhookUrl() {
    return ApiException.badRequest("INVALID_WEBHOOK_URL",
        "The webhook URL must be an absolute http or https URL with a host and without credentials.");
  }

  private static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }
}
