package com.partnerplatform.payment.gateway;

/** A webhook delivery that is not signed with the webhook secret, or is not an event at all. */
public class InvalidWebhookException extends RuntimeException {

  public InvalidWebhookException(String message) {
    super(message);
  }
}
