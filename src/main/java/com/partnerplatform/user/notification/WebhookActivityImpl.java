package com.partnerplatform.user.notification;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationProperties;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.notification.NotificationTemplates.RenderedNotification;
import com.partnerplatform.user.notification.PreferenceStore.Webhook;
import com.partnerplatform.user.notification.Recipients.Recipient;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

@Component
class WebhookActivityImpl implements WebhookActivity {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Well inside the activity's start-to-close timeout, so a slow receiver fails this attempt only. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final PreferenceStore preferences;
  private final Recipients recipients;
  private final NotificationTemplates templates;
  private final DeliveryLog deliveryLog;
  private final NotificationProperties properties;
  private final WebhookTargets targets;
  private final JsonMapper json;
  private final NotificationMetrics metrics;
  private final Clock clock;

  WebhookActivityImpl(PreferenceStore preferences, Recipients recipients, NotificationTemplates templates,
      DeliveryLog deliveryLog, NotificationProperties properties, WebhookTargets targets, JsonMapper json,
      NotificationMetrics metrics, Clock clock) {
    this.preferences = preferences;
    this.recipients = recipients;
    this.templates = templates;
    this.deliveryLog = deliveryLog;
    this.properties = properties;
    this.targets = targets;
    this.json = json;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void postWebhook(Delivery delivery) {
    metrics.attempt(NotificationChannel.WEBHOOK, () -> deliver(delivery));
  }

  /** @return whether this call recorded the delivery */
  private boolean deliver(Delivery delivery) {
    if (deliveryLog.isDelivered(delivery.key(), NotificationChannel.WEBHOOK)) {
      return false;
    }
    NotificationRequest request = delivery.request();
    Recipient recipient = recipients.require(request.userId());
    Webhook webhook = preferences.webhook(recipient.id()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "The user removed their webhook.", "WEBHOOK_NOT_REGISTERED"));
    byte[] body = body(delivery, templates.render(request, recipient.name()));

    int status = post(webhook, delivery.key(), body);
    if (status / 100 != 2) {
      String message = "The webhook answered HTTP " + status + ".";
      if (status == 408 || status == 429 || status >= 500) {
        throw ApplicationFailure.newFailure(message, "WEBHOOK_UNAVAILABLE");
      }
      throw ApplicationFailure.newNonRetryableFailure(message, "WEBHOOK_REJECTED");
    }
    return deliveryLog.recordDelivered(delivery.key(), NotificationChannel.WEBHOOK, SqlTimestamps.now(clock));
  }

  /** {@code {id, type, subject, message, data, createdAt}}, serialised once so the signature covers these bytes. */
  private byte[] body(Delivery delivery, RenderedNotification content) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", delivery.key());
    body.put("type", delivery.request().type());
    body.put("subject", content.subject());
    body.put("message", content.text());
    body.put("data", delivery.request().data() == null ? Map.of() : delivery.request().data());
    body.put("createdAt", delivery.createdAt().toString());
    return json.writeValueAsBytes(body);
  }

  private int post(Webhook webhook, String deliveryKey, byte[] body) {
    URI url = URI.create(webhook.url());
    try {
      // Checked again at each call: the host's address may have changed since registration.
      targets.refusal(url).ifPresent(reason -> {
        throw ApplicationFailure.newNonRetryableFailure(reason, "WEBHOOK_ADDRESS_NOT_ALLOWED");
      });
    } catch (UnknownHostException e) {
      throw ApplicationFailure.newFailure("The webhook host " + url.getHost() + " does not resolve.",
          "WEBHOOK_UNAVAILABLE");
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(RESPONSE_TIMEOUT)
        .header("Content-Type", "application/json")
        .header(properties.webhookSignatureHeader(), WebhookSignature.of(body, webhook.secret()))
        .header("Idempotency-Key", deliveryKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "The webhook is unreachable: " + e, "WEBHOOK_UNAVAILABLE", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailureWithCause("Interrupted while calling the webhook.", "WEBHOOK_UNAVAILABLE", e);
    }
  }
}
