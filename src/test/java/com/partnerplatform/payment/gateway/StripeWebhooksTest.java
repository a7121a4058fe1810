package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Stripe's signature scheme, checked with signatures made independently of the SDK. */
class StripeWebhooksTest {

  private static final String SECRET = "whsec_test_secret";

  private final StripeWebhooks webhooks = new StripeWebhooks(SECRET);

  @Test
  void aSignedPaymentIntentEventNamesTheChargeAndItsIdempotencyKey() {
    String payload = event("evt_1", "payment_intent.succeeded", "pi_123", "payment-order-1");

    GatewayEvent event = webhooks.verify(payload, WebhookSignatures.stripe(payload, SECRET, now()));

    assertThat(event).isEqualTo(new GatewayEvent("stripe", "evt_1", "payment_intent.succeeded",
        GatewayEvent.Kind.CHARGE_SUCCEEDED, "pi_123", "payment-order-1"));
  }

  @Test
  void aFailedPaymentIntentIsAFailedCharge() {
    String payload = event("evt_2", "payment_intent.payment_failed", "pi_456", "payment-order-2");

    GatewayEvent event = webhooks.verify(payload, WebhookSignatures.stripe(payload, SECRET, now()));

    assertThat(event.kind()).isEqualTo(GatewayEvent.Kind.CHARGE_FAILED);
    assertThat(event.reference()).isEqualTo("pi_456");
  }

  @Test
  void otherEventsSayNothingAboutCharges() {
    String payload = "{\"id\": \"evt_3\", \"object\": \"event\", \"type\": \"customer.created\", "
        + "\"data\": {\"object\": {\"id\": \"cus_1\", \"object\": \"customer\"}}}";

    GatewayEvent event = webhooks.verify(payload, WebhookSignatures.stripe(payload, SECRET, now()));

    assertThat(event).isEqualTo(new GatewayEvent("stripe", "evt_3", "customer.created", GatewayEvent.Kind.OTHER,
        null, null));
  }

  @Test
  void aTamperedPayloadAWrongSecretAStaleOrMissingSignatureAreRefused() {
    String payload = event("evt_4", "payment_intent.succeeded", "pi_789", "payment-order-4");
    String signature = WebhookSignatures.stripe(payload, SECRET, now());

    assertThatThrownBy(() -> webhooks.verify(payload.replace("pi_789", "pi_000"), signature))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> webhooks.verify(payload, WebhookSignatures.stripe(payload, "whsec_other", now())))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> webhooks.verify(payload, WebhookSignatures.stripe(payload, SECRET, now() - 600)))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> webhooks.verify(payload, null))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("Stripe-Signature");
  }

  @Test
  void withoutASecretNothingIsAccepted() {
    String payload = event("evt_5", "payment_intent.succeeded", "pi_1", "payment-order-5");

    assertThatThrownBy(() -> new StripeWebhooks("").verify(payload, WebhookSignatures.stripe(payload, SECRET, now())))
        .isInstanceOf(WebhookNotConfiguredException.class);
  }

  static String event(String id, String type, String paymentIntent, String idempotencyKey) {
    return "{\"id\": \"" + id + "\", \"object\": \"event\", \"api_version\": \"2020-08-27\", \"type\": \"" + type
        + "\", \"data\": {\"object\": {\"id\": \"" + paymentIntent + "\", \"object\": \"payment_intent\", "
        + "\"amount\": 2500, \"currency\": \"usd\", \"status\": \"succeeded\", "
        + "\"metadata\": {\"idempotency_key\": \"" + idempotencyKey + "\"}}}}";
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
