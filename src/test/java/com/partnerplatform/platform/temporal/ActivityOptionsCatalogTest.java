package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The named activity options of application.yml, as the catalogue combines them. */
class ActivityOptionsCatalogTest {

  private final ActivityOptionsCatalog catalog = new ActivityOptionsCatalog(
      ApplicationYaml.withOverrides("{}").bindOrCreate("platform.temporal", TemporalSettings.class));

  @Test
  void anEntryCombinesItsTimeoutAndRetryPolicyWithItsOwnMaximumAttempts() {
    ActivityOptions email = catalog.named("email");

    assertThat(email.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(email.getRetryOptions().getInitialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(email.getRetryOptions().getMaximumAttempts()).isEqualTo(3);
    assertThat(email.getHeartbeatTimeout()).isNull();
  }

  @Test
  void onlyAnEntryForHeartbeatingActivitiesHasAHeartbeatTimeout() {
    ActivityOptions purge = catalog.named("cleanup-purge");

    assertThat(purge.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(purge.getRetryOptions().getMaximumAttempts()).isEqualTo(10);
    assertThat(purge.getHeartbeatTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(catalog.named("cleanup").getHeartbeatTimeout()).isNull();
  }
}
