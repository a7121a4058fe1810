package com.partnerplatform.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code platform.readiness}: 1 while {@code /actuator/health/readiness} is UP, 0 otherwise, so that
 * an alert sees a process that runs but cannot serve (database or Temporal unreachable).
 */
@Component
class ReadinessMetrics {

  static final String READINESS = "platform.readiness";

  ReadinessMetrics(MeterRegistry meters, HealthEndpoint health) {
    Gauge.builder(READINESS, () -> up(health.healthForPath("readiness")) ? 1 : 0)
        .description("1 while the readiness group is UP")
        .register(meters);
  }

  private static boolean up(HealthDescriptor readiness) {
    return readiness != null && Status.UP.equals(readiness.getStatus());
  }
}
