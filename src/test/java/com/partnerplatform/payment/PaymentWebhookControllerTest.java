package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentTestDatabase.item;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.partnerplatform.payment.gateway.RazorpayWebhooks;
import com.partnerplatform.payment.gateway.StripeWebhooks;
import com.partnerplatform.payment.gateway.WebhookSignatures;
import com.partnerplatform.platform.web.ProblemHandler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The webhook endpoints with payloads signed the way Stripe and Razorpay sign them, against the
 * ledger in the database. Security is not part of this test: the endpoints need a permitAll rule.
 */
class PaymentWebhookControllerTest {

  private static final String STRIPE_SECRET = "whsec_controller_test";
  private static final String RAZORPAY_SECRET = "razorpay controller test";

  private final PaymentTestDatabase db = new PaymentTestDatabase();
  private final MockMvc mvc = mvc(STRIPE_SECRET, RAZORPAY_SECRET);

  @Test
  void aSignedStripeEventOfAChargeInTheLedgerIsAcknowledged() throws Exception {
    String key = chargeInLedger("pi_" + UUID.randomUUID().toString().replace("-", ""));
    String reference = db.ledger.findByKey(key).orElseThrow().gatewayReference();
    String payload = stripeEvent("evt_in_ledger", reference, key);

    mvc.perform(post("/api/payments/webhooks/stripe")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Stripe-Signature", WebhookSignatures.stripe(payload, STRIPE_SECRET, now()))
            .content(payload))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.eventId").value("evt_in_ledger"))
        .andExpect(jsonPath("$.type").value("payment_intent.succeeded"))
        .andExpect(jsonPath("$.ledger").value("in_ledger"));
  }

  @Test
  void aSucceededChargeTheLedgerLacksIsAcknowledgedAndReported() throws Exception {
    String payload = stripeEvent("evt_unknown", "pi_unknown", "payment-" + UUID.randomUUID());

    mvc.perform(post("/api/payments/webhooks/stripe")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Stripe-Signature", WebhookSignatures.stripe(payload, STRIPE_SECRET, now()))
            .content(payload))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ledger").value("not_in_ledger"));
  }

  @Test
  void aTamperedOrUnsignedStripeEventIsABadRequest() throws Exception {
    String payload = stripeEvent("evt_tampered", "pi_1", "payment-1");
    String signature = WebhookSignatures.stripe(payload, STRIPE_SECRET, now());

    mvc.perform(post("/api/payments/webhooks/stripe")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Stripe-Signature", signature)
            .content(payload.replace("pi_1", "pi_2")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_WEBHOOK"));
    mvc.perform(post("/api/payments/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).content(payload))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_WEBHOOK"));
  }

  @Test
  void withoutAWebhookSecretTheEndpointsAreNotThere() throws Exception {
    MockMvc unconfigured = mvc("", "");
    String payload = stripeEvent("evt_1", "pi_1", "payment-1");

    unconfigured.perform(post("/api/payments/webhooks/stripe")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Stripe-Signature", WebhookSignatures.stripe(payload, STRIPE_SECRET, now()))
            .content(payload))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("WEBHOOK_NOT_CONFIGURED"));
    unconfigured.perform(post("/api/payments/webhooks/razorpay")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Razorpay-Signature", "00")
            .content("{}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("WEBHOOK_NOT_CONFIGURED"));
  }

  @Test
  void aSignedRazorpayEventIsAcknowledgedAndATamperedOneRefused() throws Exception {
    String key = chargeInLedger("pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
    String reference = db.ledger.findByKey(key).orElseThrow().gatewayReference();
    String payload = "{\"entity\": \"event\", \"event\": \"payment.captured\", \"contains\": [\"payment\"], "
        + "\"payload\": {\"payment\": {\"entity\": {\"id\": \"" + reference + "\", \"entity\": \"payment\", "
        + "\"amount\": 1000, \"currency\": \"INR\", \"status\": \"captured\", "
        + "\"notes\": {\"idempotency_key\": \"" + key + "\"}}}}, \"created_at\": 1567674606}";
    String signature = WebhookSignatures.razorpay(payload, RAZORPAY_SECRET);

    mvc.perform(post("/api/payments/webhooks/razorpay")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Razorpay-Signature", signature)
            .header("X-Razorpay-Event-Id", "evt_rzp")
            .content(payload))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.eventId").value("evt_rzp"))
        .andExpect(jsonPath("$.ledger").value("in_ledger"));
    mvc.perform(post("/api/payments/webhooks/razorpay")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Razorpay-Signature", signature)
            .content(payload.replace("1000", "1")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_WEBHOOK"));
  }

  /** @return the idempotency key of a charge of a new order, recorded in the ledger under the reference */
  private String chargeInLedger(String reference) {
    UUID orderId = db.order(item(db.product(1), 1));
    String key = WorkflowIds.payment(orderId);
    db.ledger.record(new LedgerEntry(UUID.randomUUID(), orderId, null, LedgerEntry.CHARGE, new BigDecimal("10.00"), "USD",
        "test", reference, key, "card", Instant.now()));
    return key;
  }

  private MockMvc mvc(String stripeSecret, String razorpaySecret) {
    return MockMvcBuilders.standaloneSetup(new PaymentWebhookController(new StripeWebhooks(stripeSecret),
            new RazorpayWebhooks(razorpaySecret), db.ledger))
        .setControllerAdvice(new ProblemHandler())
        .build();
  }

  private static String stripeEvent(String id, String paymentIntent, String idempotencyKey) {
    return "{\"id\": \"" + id + "\", \"object\": \"event\", \"type\": \"payment_intent.succeeded\", "
        + "\"data\": {\"object\": {\"id\": \"" + paymentIntent + "\", \"object\": \"payment_intent\", "
        + "\"status\": \"succeeded\", \"metadata\": {\"idempotency_key\": \"" + idempotencyKey + "\"}}}}";
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
