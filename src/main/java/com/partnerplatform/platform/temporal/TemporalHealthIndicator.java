package com.partnerplatform.platform.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Asks the Temporal frontend for its system info; part of the readiness group. */
public class TemporalHealthIndicator extends AbstractHealthIndicator {

  private final WorkflowServiceStubs stubs;
  private final TemporalEngine engine;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalEngine engine) {
    super("Temporal is unreachable");
    this.stubs = stubs;
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("mode", engine.mode().name().toLowerCase().replace('_', '-'))
        .withDetail("address", engine.address())
        .withDetail("namespace", engine.namespace());
    var info = stubs.blockingStub()
        .withDeadlineAfter(3, TimeUnit.SECONDS)
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder.up().withDetail("serverVersion", info.getServerVersion());
  }
}
