package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.payment.PaymentProperties;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** platform.payment.gateway chooses the provider, whose keys must then be set. */
class GatewayConfigurationTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(Properties.class, GatewayConfiguration.class)
      .withPropertyValues(
          "platform.payment.max-inventory-reservation-time=10m",
          "platform.payment.gateway-timeout=2m",
          "platform.payment.gateway-timeout-margin=10s",
          "platform.payment.currencies=USD,INR",
          "platform.payment.methods=card,upi");

  @Test
  void stripeWithAnApiKeyIsTheGateway() {
    context.withPropertyValues("platform.payment.gateway=stripe", "platform.payment.stripe.api-key=sk_test_123",
            "platform.payment.stripe.api-base=http://127.0.0.1:12111")
        .run(app -> {
          assertThat(app).hasSingleBean(PaymentGateway.class);
          assertThat(app.getBean(PaymentGateway.class)).isInstanceOf(StripeGateway.class);
        });
  }

  @Test
  void razorpayWithItsKeysIsTheGateway() {
    context.withPropertyValues("platform.payment.gateway=razorpay", "platform.payment.razorpay.key-id=rzp_test_1",
            "platform.payment.razorpay.key-secret=secret")
        .run(app -> {
          assertThat(app).hasSingleBean(PaymentGateway.class);
          assertThat(app.getBean(PaymentGateway.class).name()).isEqualTo("razorpay");
        });
  }

  @Test
  void aChosenProviderWithoutItsKeysStopsTheApplication() {
    context.withPropertyValues("platform.payment.gateway=stripe")
        .run(app -> assertThat(app).getFailure().rootCause().hasMessageContaining("STRIPE_API_KEY"));
    context.withPropertyValues("platform.payment.gateway=razorpay", "platform.payment.razorpay.key-id=rzp_test_1")
        .run(app -> assertThat(app).getFailure().rootCause().hasMessageContaining("RAZORPAY_KEY_SECRET"));
  }

  @Test
  void anUnknownGatewayIsRefused() {
    context.withPropertyValues("platform.payment.gateway=paypal")
        .run(app -> assertThat(app).getFailure().rootCause().hasMessageContaining("sandbox, stripe or razorpay"));
  }

  @Test
  void theSandboxNeedsNoProviderAndWebhooksUseTheConfiguredSecrets() {
    context.withPropertyValues("platform.payment.stripe.webhook-secret=whsec_configured")
        .run(app -> {
          assertThat(app).doesNotHaveBean(PaymentGateway.class);
          String payload = StripeWebhooksTest.event("evt_1", "payment_intent.succeeded", "pi_1", "payment-1");
          String signature = WebhookSignatures.stripe(payload, "whsec_configured", Instant.now().getEpochSecond());
          assertThat(app.getBean(StripeWebhooks.class).verify(payload, signature).reference()).isEqualTo("pi_1");
          assertThat(app.getBean(PaymentProperties.class).stripe().apiBase()).isEqualTo("https://api.stripe.com");
        });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PaymentProperties.class)
  static class Properties {}
}
