package com.partnerplatform.payment;

import com.partnerplatform.payment.gateway.GatewayEvent;
import com.partnerplatform.payment.gateway.InvalidWebhookException;
import com.partnerplatform.payment.gateway.RazorpayWebhooks;
import com.partnerplatform.payment.gateway.StripeWebhooks;
import com.partnerplatform.payment.gateway.WebhookNotConfiguredException;
import com.partnerplatform.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events the payment gateways send. They carry no access token: each delivery must be signed with
 * the webhook secret, and one that is not is refused and changes nothing.
 *
 * <p>The saga learns a charge's outcome from the gateway's answer to the charge itself (Stripe
 * confirms synchronously, Razorpay's capture is synchronous), so no event needs to reach the
 * workflow. What an event is good for is the check that the ledger holds every charge a gateway
 * reports as succeeded: one it lacks was taken without its answer reaching the saga. Each delivery
 * only reads, so Stripe's and Razorpay's repeated deliveries of an event are harmless.
 */
@RestController
@RequestMapping("/api/payments/webhooks")
@Tag(name = "Payment webhooks", description = "Signed event deliveries of the payment gateways")
class PaymentWebhookController {

  private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

  private final StripeWebhooks stripe;
  private final RazorpayWebhooks razorpay;
  private final PaymentLedger ledger;

  PaymentWebhookController(StripeWebhooks stripe, RazorpayWebhooks razorpay, PaymentLedger ledger) {
    this.stripe = stripe;
    this.razorpay = razorpay;
    this.ledger = ledger;
  }

  @PostMapping("/stripe")
  @Operation(summary = "Stripe webhook endpoint", description = "Verifies the Stripe-Signature header with the "
      + "endpoint's signing secret (STRIPE_WEBHOOK_SECRET).")
  @ApiResponse(responseCode = "200", description = "The event was verified and checked against the ledger")
  @ApiResponse(responseCode = "400", description = "INVALID_WEBHOOK: unsigned, wrongly signed or too old")
  @ApiResponse(responseCode = "404", description = "WEBHOOK_NOT_CONFIGURED: no signing secret is set")
  public WebhookReceipt stripe(@RequestBody String payload,
      @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
    return receive(() -> stripe.verify(payload, signature));
  }

  @PostMapping("/razorpay")
  @Operation(summary = "Razorpay webhook endpoint", description = "Verifies the X-Razorpay-Signature header with "
      + "the webhook's secret (RAZORPAY_WEBHOOK_SECRET).")
  @ApiResponse(responseCode = "200", description = "The event was verified and checked against the ledger")
  @ApiResponse(responseCode = "400", description = "INVALID_WEBHOOK: unsigned or wrongly signed")
  @ApiResponse(responseCode = "404", description = "WEBHOOK_NOT_CONFIGURED: no webhook secret is set")
  public WebhookReceipt razorpay(@RequestBody String payload,
      @RequestHeader(name = "X-Razorpay-Signature", required = false) String signature,
      @RequestHeader(name = "X-Razorpay-Event-Id", required = false) String eventId) {
    return receive(() -> razorpay.verify(payload, signature, eventId));
  }

  private WebhookReceipt receive(Supplier<GatewayEvent> verification) {
    GatewayEvent event;
    try {
      event = verification.get();
    } catch (InvalidWebhookException e) {
      throw ApiException.badRequest("INVALID_WEBHOOK", e.getMessage());
    } catch (WebhookNotConfiguredException e) {
      throw ApiException.notFound("WEBHOOK_NOT_CONFIGURED", e.getMessage());
    }
    return new WebhookReceipt(event.id(), event.type(), reconcile(event));
  }

  private String reconcile(GatewayEvent event) {
    if (event.kind() == GatewayEvent.Kind.CHARGE_FAILED) {
      log.info("{} event {}: charge {} failed (the saga learnt it from the charge call)", event.gateway(),
          event.id(), event.reference());
    }
    if (event.kind() != GatewayEvent.Kind.CHARGE_SUCCEEDED || event.idempotencyKey() == null) {
      return WebhookReceipt.NOT_CHECKED;
    }
    Optional<LedgerEntry> charge = ledger.findByKey(event.idempotencyKey());
    if (charge.isPresent() && charge.get().gatewayReference().equals(event.reference())) {
      return WebhookReceipt.IN_LEDGER;
    }
    // Normal for a moment (the charge activity writes the ledger right after the gateway answers);
    // for good when the answer never reached the saga, and then the charge needs a refund.
    log.warn("{} event {}: charge {} (idempotency key {}) succeeded but the ledger {}; if the order's payment"
            + " has ended without it, refund it at the gateway", event.gateway(), event.id(), event.reference(),
        event.idempotencyKey(), charge.map(entry -> "holds " + entry.gatewayReference() + " for that key")
            .orElse("does not hold it (yet)"));
    return WebhookReceipt.NOT_IN_LEDGER;
  }

  /**
   * @param eventId the gateway's event id
   * @param ledger for a succeeded charge whose idempotency key the gateway carries along: whether the
   *     ledger holds it ({@code in_ledger}, {@code not_in_ledger}); {@code not_checked} otherwise
   */
  record WebhookReceipt(String eventId, String type, String ledger) {

    static final String IN_LEDGER = "in_ledger";
    static final String NOT_IN_LEDGER = "not_in_ledger";
    static final String NOT_CHECKED = "not_checked";
  }
}
