package com.partnerplatform.payment.gateway;

/**
 * A provider's webhook event whose signature has been verified.
 *
 * @param gateway the provider, as {@link PaymentGateway#name()} calls it
 * @param id the provider's id of the event; null when the provider sent none
 * @param type the provider's event type, e.g. {@code payment_intent.succeeded} or {@code payment.captured}
 * @param kind what the event says about a charge
 * @param reference the gateway's reference of the charge the event is about (what
 *     {@link PaymentGateway#charge} returned for it); null for other events
 * @param idempotencyKey the idempotency key of the charge request, when the provider carries it
 *     along (Stripe: the PaymentIntent's metadata); null otherwise
 */
public record GatewayEvent(String gateway, String id, String type, Kind kind, String reference,
    String idempotencyKey) {

  public enum Kind {
    CHARGE_SUCCEEDED,
    CHARGE_FAILED,
    OTHER
  }
}
