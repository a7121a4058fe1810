package com.partnerplatform.payment.gateway;

import com.google.gson.JsonParseException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook deliveries: checks the {@code Stripe-Signature} header against the endpoint's
 * signing secret (HMAC-SHA256 of timestamp and payload, at most five minutes old) and reads what
 * an event says about a charge.
 */
public class StripeWebhooks {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String webhookSecret;

  /** @param webhookSecret the endpoint's signing secret; blank when Stripe webhooks are not accepted */
  public StripeWebhooks(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  /**
   * @throws WebhookNotConfiguredException when no signing secret is configured
   * @throws InvalidWebhookException when the signature is missing, wrong or too old, or the payload is
   *     not an event
   */
  public GatewayEvent verify(String payload, String signatureHeader) {
    if (webhookSecret == null || webhookSecret.isBlank()) {
      throw new WebhookNotConfiguredException(
          "Stripe webhooks are not accepted: platform.payment.stripe.webhook-secret is not set.");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new InvalidWebhookException("The Stripe-Signature header is missing.");
    }
    Event event;
    try {
      event = Webhook.constructEvent(payload, signatureHeader, webhookSecret);
    } catch (SignatureVerificationException e) {
      throw new InvalidWebhookException("The Stripe-Signature header does not sign this payload: " + e.getMessage());
    } catch (JsonParseException e) {
      throw new InvalidWebhookException("The payload is not a Stripe event.");
    }
    GatewayEvent.Kind kind = switch (String.valueOf(event.getType())) {
      case "payment_intent.succeeded" -> GatewayEvent.Kind.CHARGE_SUCCEEDED;
      case "payment_intent.payment_failed" -> GatewayEvent.Kind.CHARGE_FAILED;
      default -> GatewayEvent.Kind.OTHER;
    };
    if (kind == GatewayEvent.Kind.OTHER) {
      return new GatewayEvent("stripe", event.getId(), event.getType(), kind, null, null);
    }
    // Read as raw JSON: events keep the API version of the endpoint, which need not be the SDK's.
    JsonNode intent = paymentIntent(event);
    return new GatewayEvent("stripe", event.getId(), event.getType(), kind, text(intent.path("id")),
        text(intent.path("metadata").path(StripeGateway.IDEMPOTENCY_KEY_METADATA)));
  }

  private static JsonNode paymentIntent(Event event) {
    try {
      return JSON.readTree(event.getDataObjectDeserializer().getRawJson());
    } catch (JacksonException | IllegalArgumentException e) {
      throw new InvalidWebhookException("The event " + event.getId() + " carries no PaymentIntent.");
    }
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.stringValue() : null;
  }
}
