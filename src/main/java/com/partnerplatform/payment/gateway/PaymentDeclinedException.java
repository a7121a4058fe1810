package com.partnerplatform.payment.gateway;

/** The gateway refused the payment: the customer has to use another payment method. */
public class PaymentDeclinedException extends GatewayException {

  private final String declineCode;

  /** @param declineCode the gateway's reason, e.g. {@code card_declined}, {@code insufficient_funds} */
  public PaymentDeclinedException(String declineCode, String message) {
    super(message, false);
    this.declineCode = declineCode;
  }

  public String declineCode() {
    return declineCode;
  }
}
