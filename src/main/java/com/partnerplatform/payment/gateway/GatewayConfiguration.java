package com.partnerplatform.payment.gateway;

import com.partnerplatform.payment.PaymentProperties;
import com.razorpay.RazorpayClient;
import com.razorpay.RazorpayException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider gateways, one of which {@code platform.payment.gateway} chooses (the sandbox is a
 * component of its own), and the verifiers of the providers' webhooks. A chosen provider without
 * its keys stops the application at startup.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

  @Bean
  @ConditionalOnProperty(name = "platform.payment.gateway", havingValue = "stripe")
  StripeGateway stripeGateway(PaymentProperties properties) {
    PaymentProperties.Stripe stripe = properties.stripe();
    require(stripe.apiKey(), "platform.payment.stripe.api-key (STRIPE_API_KEY)");
    return new StripeGateway(
        StripeGateway.client(stripe.apiKey(), stripe.apiBase(), properties.gatewayTimeout()).build());
  }

  /** razorpay-java's HTTP client has fixed 60 s timeouts: the gateway timeout cannot reach it. */
  @Bean
  @ConditionalOnProperty(name = "platform.payment.gateway", havingValue = "razorpay")
  RazorpayGateway razorpayGateway(PaymentProperties properties) throws RazorpayException {
    PaymentProperties.Razorpay razorpay = properties.razorpay();
    require(razorpay.keyId(), "platform.payment.razorpay.key-id (RAZORPAY_KEY_ID)");
    require(razorpay.keySecret(), "platform.payment.razorpay.key-secret (RAZORPAY_KEY_SECRET)");
    return new RazorpayGateway(new RazorpaySdk(new RazorpayClient(razorpay.keyId(), razorpay.keySecret())));
  }

  @Bean
  StripeWebhooks stripeWebhooks(PaymentProperties properties) {
    return new StripeWebhooks(properties.stripe().webhookSecret());
  }

  @Bean
  RazorpayWebhooks razorpayWebhooks(PaymentProperties properties) {
    return new RazorpayWebhooks(properties.razorpay().webhookSecret());
  }

  private static void require(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(setting + " must be set for the payment gateway chosen by "
          + "platform.payment.gateway (PAYMENT_GATEWAY).");
    }
  }
}
