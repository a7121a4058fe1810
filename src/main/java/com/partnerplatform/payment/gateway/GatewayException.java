package com.partnerplatform.payment.gateway;

/** A gateway request that did not succeed. */
public class GatewayException extends RuntimeException {

  private final boolean retryable;

  public GatewayException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** Whether sending the same request again (same idempotency key) may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
