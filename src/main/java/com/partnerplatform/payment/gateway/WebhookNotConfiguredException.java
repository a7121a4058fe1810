package com.partnerplatform.payment.gateway;

/** Webhooks of a provider arrived, but no secret to verify them with is configured. */
public class WebhookNotConfiguredException extends RuntimeException {

  public WebhookNotConfiguredException(String message) {
    super(message);
  }
}
