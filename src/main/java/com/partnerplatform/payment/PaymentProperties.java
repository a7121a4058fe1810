package com.partnerplatform.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's {@code PAYMENT_CONFIG}, and the accounts of the payment gateways. Keys and secrets
 * come from environment variables (see application.yml), never from committed files.
 *
 * @param maxInventoryReservationTime how long stock stays reserved for an unpaid order
 * @param gatewayTimeout how long one call to the payment gateway may take
 * @param gatewayTimeoutMargin what the activities that call the gateway need besides the call (the
 *     database, clocks that differ): their start-to-close is at least the gateway timeout plus this
 * @param currencies accepted currencies
 * @param methods accepted payment method types
 * @param gateway the payment gateway: {@code sandbox} (Stripe's test cards, no provider),
 *     {@code stripe} or {@code razorpay}
 * @param stripe the Stripe account, used when {@code gateway} is {@code stripe} (the webhook
 *     secret whenever Stripe webhooks are to be accepted)
 * @param razorpay the Razorpay account, used when {@code gateway} is {@code razorpay}
 */
@Validated
@ConfigurationProperties("platform.payment")
public record PaymentProperties(
    @NotNull Duration maxInventoryReservationTime,
    @NotNull Duration gatewayTimeout,
    @NotNull Duration gatewayTimeoutMargin,
    @NotEmpty List<String> currencies,
    @NotEmpty List<String> methods,
    @DefaultValue("sandbox")
    @Pattern(regexp = "sandbox|stripe|razorpay", message = "must be sandbox, stripe or razorpay")
    String gateway,
    @DefaultValue @Valid Stripe stripe,
    @DefaultValue @Valid Razorpay razorpay) {

  /**
   * @param apiKey the secret API key ({@code sk_live_...}, {@code sk_test_...})
   * @param webhookSecret the signing secret of the webhook endpoint ({@code whsec_...})
   * @param apiBase where the API is; another address for stripe-mock in tests
   */
  public record Stripe(String apiKey, String webhookSecret,
      @DefaultValue(API_BASE) @NotBlank String apiBase) {

    public static final String API_BASE = "https://api.stripe.com";

    @Override
    public String toString() {
      return "Stripe[apiBase=" + apiBase + "]"; // secrets stay out of logs
    }
  }

  /**
   * @param keyId the API key id ({@code rzp_live_...}, {@code rzp_test_...})
   * @param keySecret the API key secret
   * @param webhookSecret the secret set on the webhook in Razorpay's dashboard
   */
  public record Razorpay(String keyId, String keySecret, String webhookSecret) {

    @Override
    public String toString() {
      return "Razorpay[keyId=" + keyId + "]"; // secrets stay out of logs
    }
  }
}
