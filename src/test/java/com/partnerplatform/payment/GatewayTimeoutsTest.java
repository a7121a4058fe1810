package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import com.partnerplatform.platform.temporal.TemporalSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The startup check of gateway timeouts against the activities' start-to-close, with application.yml. */
class GatewayTimeoutsTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withUserConfiguration(Checked.class);

  @Test
  void theDefaultsLeaveEveryGatewayCallInsideItsAttempt() {
    context.run(app -> assertThat(app).hasNotFailed().hasSingleBean(GatewayTimeouts.class));
  }

  @Test
  void aGatewayTimeoutAsLongAsTheAttemptStopsTheApplicationNamingBothSettings() {
    context.withPropertyValues("platform.payment.gateway-timeout=5m").run(app -> {
      assertThat(app).hasFailed();
      assertThat(app.getStartupFailure()).rootCause()
          .hasMessageContaining("platform.payment.gateway-timeout (PT5M)")
          .hasMessageContaining("platform.temporal.activity-options.payment-charge")
          .hasMessageContaining("platform.temporal.activity-timeouts.long");
    });
  }

  @Test
  void theMarginCountsToo() {
    context.withPropertyValues("platform.payment.gateway-timeout=295s", "platform.payment.gateway-timeout-margin=5s")
        .run(app -> assertThat(app).hasNotFailed());
    context.withPropertyValues("platform.payment.gateway-timeout=295s", "platform.payment.gateway-timeout-margin=6s")
        .run(app -> assertThat(app).hasFailed());
  }

  @Test
  void aShorterRefundTimeoutIsRefusedForTheRefundActivities() {
    context.withPropertyValues("platform.temporal.activity-options.payment-refund.timeout=short").run(app -> {
      assertThat(app).hasFailed();
      assertThat(app.getStartupFailure()).rootCause().hasMessageContaining("PaymentRefund");
    });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({PaymentProperties.class, TemporalSettings.class})
  @Import({ActivityOptionsCatalog.class, GatewayTimeouts.class})
  static class Checked {}
}
