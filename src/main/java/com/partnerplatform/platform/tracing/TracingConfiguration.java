package com.partnerplatform.platform.tracing;

import io.micrometer.observation.ObservationPredicate;
import io.opentelemetry.api.trace.Span;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What tracing adds to Spring Boot's own (see {@link TracingEnvironmentPostProcessor} for when it is
 * on): statements belong to the request or the Temporal task that runs them, and the background
 * polling outside any of them would only make a trace of its own per statement.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("management.tracing.export.enabled")
public class TracingConfiguration {

  /** The prefix of the JDBC observations' names (jdbc.connection, jdbc.query, ...). */
  static final String JDBC_OBSERVATIONS = "jdbc.";

  @Bean
  ObservationPredicate jdbcOnlyWithinATrace() {
    return (name, context) -> !name.startsWith(JDBC_OBSERVATIONS) || Span.current().getSpanContext().isValid();
  }
}
