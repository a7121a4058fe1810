package com.partnerplatform.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * How the customer pays.
 *
 * @param type {@code card}, {@code upi}, {@code wallet} or {@code bank_transfer}
 * @param token the gateway's token for it (in the sandbox: a Stripe test card number)
 */
public record PaymentMethod(@NotBlank @Size(max = 32) String type, @NotBlank @Size(max = 255) String token) {

  @Override
  public String toString() {
    // Tokens stay out of logs.
    return "PaymentMethod[type=" + type + "]";
  }
}
