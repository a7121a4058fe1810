package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.user.NotificationProperties;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

  private final WebhookTargets strict = targets(false);

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/actuator", "http://10.1.2.3/", "http://172.16.0.9/",
      "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://[::1]/",
      "http://[fd00::1]/", "http://[fe80::1]/"})
  void internalAddressesAreRefused(String url) throws Exception {
    assertThat(strict.refusal(URI.create(url))).hasValueSatisfying(reason -> assertThat(reason).contains("internal"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://93.184.216.34/hook", "http://[2606:2800:220:1::1]/hook"})
  void publicAddressesAreAllowed(String url) throws Exception {
    assertThat(strict.refusal(URI.create(url))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9911/hook", "http://192.168.1.1/"})
  void localRunsMayAllowThem(String url) throws Exception {
    assertThat(targets(true).refusal(URI.create(url))).isEmpty();
  }

  private static WebhookTargets targets(boolean allowPrivate) {
    return new WebhookTargets(new NotificationProperties(
        List.of("email", "in_app", "webhook"), "X-Partner-Platform-Signature", allowPrivate));
  }
}
