package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Razorpay's signature scheme, checked with razorpay-java's verification and signatures made without it. */
class RazorpayWebhooksTest {

  private static final String SECRET = "razorpay webhook secret";

  private final RazorpayWebhooks webhooks = new RazorpayWebhooks(SECRET);

  @Test
  void aSignedCapturedPaymentIsASucceededCharge() {
    String payload = event("payment.captured", "pay_29QQoUBi66xm2f");

    GatewayEvent event = webhooks.verify(payload, WebhookSignatures.razorpay(payload, SECRET), "evt_rzp_1");

    assertThat(event).isEqualTo(new GatewayEvent("razorpay", "evt_rzp_1", "payment.captured",
        GatewayEvent.Kind.CHARGE_SUCCEEDED, "pay_29QQoUBi66xm2f", "payment-order-1"));
  }

  @Test
  void aFailedPaymentIsAFailedChargeAndOtherEventsAreOther() {
    String failed = event("payment.failed", "pay_1");
    String refunded = event("refund.processed", "pay_2");

    assertThat(webhooks.verify(failed, WebhookSignatures.razorpay(failed, SECRET), null).kind())
        .isEqualTo(GatewayEvent.Kind.CHARGE_FAILED);
    assertThat(webhooks.verify(refunded, WebhookSignatures.razorpay(refunded, SECRET), null).kind())
        .isEqualTo(GatewayEvent.Kind.OTHER);
  }

  @Test
  void aTamperedPayloadAWrongSecretOrAMissingSignatureAreRefused() {
    String payload = event("payment.captured", "pay_3");
    String signature = WebhookSignatures.razorpay(payload, SECRET);

    assertThatThrownBy(() -> webhooks.verify(payload.replace("125050", "1"), signature, null))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> webhooks.verify(payload, WebhookSignatures.razorpay(payload, "other"), null))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> webhooks.verify(payload, "", null))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("X-Razorpay-Signature");
  }

  @Test
  void withoutASecretNothingIsAccepted() {
    String payload = event("payment.captured", "pay_4");

    assertThatThrownBy(() -> new RazorpayWebhooks(null).verify(payload, "00", null))
        .isInstanceOf(WebhookNotConfiguredException.class);
  }

  private static String event(String type, String paymentId) {
    return "{\"entity\": \"event\", \"account_id\": \"acc_BFQ7uQEaa7j2z7\", \"event\": \"" + type + "\", "
        + "\"contains\": [\"payment\"], \"payload\": {\"payment\": {\"entity\": {\"id\": \"" + paymentId + "\", "
        + "\"entity\": \"payment\", \"amount\": 125050, \"currency\": \"INR\", \"status\": \"captured\", "
        + "\"notes\": {\"idempotency_key\": \"payment-order-1\"}}}}, \"created_at\": 1567674606}";
  }
}
