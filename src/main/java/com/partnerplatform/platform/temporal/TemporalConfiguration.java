package com.partnerplatform.platform.temporal;

import com.partnerplatform.platform.PlatformProperties;
import io.micrometer.core.instrument.config.MeterFilter;
import io.opentracing.Tracer;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** The engine chosen by {@code platform.temporal.mode}, the domain workers and their health. */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);
  private static final String STUBS_BEAN = "temporalWorkflowServiceStubs";
  private static final String SUPERVISOR_BEAN = "temporalDevServerSupervisor";

  @Bean
  TemporalEngine temporalEngine(Environment env, TemporalSettings settings) {
    TemporalMode mode =
        TemporalMode.valueOf(env.getRequiredProperty(TemporalModeEnvironmentPostProcessor.RESOLVED_MODE));
    TemporalEngine engine = switch (mode) {
      case IN_MEMORY -> new TemporalEngine(mode, "in-process", settings.namespace(), null);
      case DEV_SERVER -> new TemporalEngine(mode, settings.address(), settings.namespace(),
          "http://" + settings.address().substring(0, settings.address().lastIndexOf(':')) + ":"
              + settings.uiPort());
      default -> new TemporalEngine(mode, settings.address(), settings.namespace(),
          StringUtils.hasText(settings.webUiUrl()) ? settings.webUiUrl() : null);
    };
    log.info("Temporal engine: mode={} address={} namespace={} web UI={}",
        mode.name().toLowerCase().replace('_', '-'), engine.address(), engine.namespace(),
        engine.webUiUrl() == null ? "none" : engine.webUiUrl());
    if (mode == TemporalMode.IN_MEMORY) {
      log.warn("Temporal runs IN MEMORY: every workflow is lost when the application stops and"
          + " Schedules are unavailable. Run scripts/install-tools.sh to use the dev server.");
    }
    return engine;
  }

  @Bean(name = SUPERVISOR_BEAN, destroyMethod = "close")
  @ConditionalOnProperty(name = TemporalModeEnvironmentPostProcessor.RESOLVED_MODE, havingValue = "DEV_SERVER")
  DevServerSupervisor devServerSupervisor(Environment env, TemporalSettings settings, PlatformProperties platform) {
    DevServerSupervisor supervisor = new DevServerSupervisor(
        Path.of(env.getRequiredProperty(TemporalModeEnvironmentPostProcessor.RESOLVED_CLI)),
        settings.address(), settings.uiPort(), settings.namespace(), platform.dataDir());
    supervisor.start();
    return supervisor;
  }

  /** The client's connection must not be used before the dev server listens. */
  @Bean
  static BeanFactoryPostProcessor devServerBeforeStubs() {
    return beanFactory -> {
      if (beanFactory.containsBeanDefinition(SUPERVISOR_BEAN)
          && beanFactory.containsBeanDefinition(STUBS_BEAN)) {
        beanFactory.getBeanDefinition(STUBS_BEAN).setDependsOn(SUPERVISOR_BEAN);
      }
    };
  }

  /** The in-memory engine runs in real time unless time skipping is asked for (tests). */
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> inMemoryTimeSkipping(TemporalSettings settings) {
    return builder -> builder.setUseTimeskipping(settings.timeSkipping());
  }

  /**
   * The workers trace with the OpenTracing tracer that the Temporal starter also gives the client
   * (a shim of the OpenTelemetry SDK); it exists only while tracing is on.
   */
  @Bean
  @ConditionalOnExpression("!'${platform.role:all}'.equalsIgnoreCase('api')")
  DomainWorkers domainWorkers(
      WorkflowClient client,
      TemporalSettings settings,
      WorkerSettings workerSettings,
      ActivityOptionsCatalog catalog,
      List<WorkerRegistration> registrations,
      ObjectProvider<Tracer> tracer) {
    List<WorkerInterceptor> interceptors = tracer.stream()
        .<WorkerInterceptor>map(t -> new OpenTracingWorkerInterceptor(OpenTracingOptions.newBuilder().setTracer(t).build()))
        .toList();
    return new DomainWorkers(client, settings, workerSettings, catalog, registrations, interceptors);
  }

  /**
   * The SDK tags update requests with {@code update_name}, other requests of the same meter not;
   * Prometheus needs one tag set per meter name, so the tag is dropped rather than the meter.
   */
  @Bean
  MeterFilter temporalUpdateNameTag() {
    return MeterFilter.ignoreTags("update_name");
  }

  @Bean(name = "temporal")
  TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs, TemporalEngine engine) {
    return new TemporalHealthIndicator(stubs, engine);
  }
}
