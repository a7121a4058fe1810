package com.partnerplatform.payment.gateway;

import com.razorpay.RazorpayException;
import com.razorpay.Utils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Razorpay's webhook deliveries: checks the {@code X-Razorpay-Signature} header (hex HMAC-SHA256 of
 * the payload with the webhook's secret) and reads what an event says about a payment.
 */
public class RazorpayWebhooks {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String webhookSecret;

  /** @param webhookSecret the webhook's secret; blank when Razorpay webhooks are not accepted */
  public RazorpayWebhooks(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  /**
   * @param eventId the {@code X-Razorpay-Event-Id} header, if any
   * @throws WebhookNotConfiguredException when no webhook secret is configured
   * @throws InvalidWebhookException when the signature is missing or wrong, or the payload is not an event
   */
  public GatewayEvent verify(String payload, String signature, String eventId) {
    if (webhookSecret == null || webhookSecret.isBlank()) {
      throw new WebhookNotConfiguredException(
          "Razorpay webhooks are not accepted: platform.payment.razorpay.webhook-secret is not set.");
    }
    if (signature == null || signature.isBlank()) {
      throw new InvalidWebhookException("The X-Razorpay-Signature header is missing.");
    }
    boolean signed;
    try {
      signed = Utils.verifyWebhookSignature(payload, signature.trim(), webhookSecret);
    } catch (RazorpayException e) {
      signed = false;
    }
    if (!signed) {
      throw new InvalidWebhookException("The X-Razorpay-Signature header does not sign this payload.");
    }
    JsonNode event;
    try {
      event = JSON.readTree(payload);
    } catch (JacksonException e) {
      throw new InvalidWebhookException("The payload is not a Razorpay event.");
    }
    String type = text(event.path("event"));
    GatewayEvent.Kind kind = switch (String.valueOf(type)) {
      case "payment.captured" -> GatewayEvent.Kind.CHARGE_SUCCEEDED;
      case "payment.failed" -> GatewayEvent.Kind.CHARGE_FAILED;
      default -> GatewayEvent.Kind.OTHER;
    };
    JsonNode payment = event.path("payload").path("payment").path("entity");
    return kind == GatewayEvent.Kind.OTHER
        ? new GatewayEvent("razorpay", eventId, type, kind, null, null)
        : new GatewayEvent("razorpay", eventId, type, kind, text(payment.path("id")),
            text(payment.path("notes").path(RazorpayGateway.IDEMPOTENCY_KEY_NOTE)));
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.stringValue() : null;
  }
}
