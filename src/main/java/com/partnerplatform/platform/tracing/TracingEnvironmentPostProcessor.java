package com.partnerplatform.platform.tracing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing is on exactly when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the traces-only
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) names a receiver, read as the OpenTelemetry SDKs read
 * them, and translated into Spring Boot's own settings: the OTLP span exporter, the JDBC observations
 * and Temporal's tracing interceptors. Otherwise none of these exists, so tracing costs nothing. The
 * defaults go last: an explicit {@code management.*} or {@code jdbc.*} setting still wins.
 */
public class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
  /** The Temporal starter's interceptors over an OpenTracing shim of the OpenTelemetry SDK. */
  static final String TEMPORAL_TRACING = "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    String tracesEndpoint = tracesEndpoint(env);
    if (tracesEndpoint == null) {
      defaults.put("management.tracing.export.enabled", "false");
      defaults.put("jdbc.datasource-proxy.enabled", "false");
      defaults.put("spring.autoconfigure.exclude", TEMPORAL_TRACING);
    } else {
      defaults.put("management.tracing.export.enabled", "true");
      defaults.put("management.opentelemetry.tracing.export.otlp.endpoint", tracesEndpoint);
    }
    env.getPropertySources().addLast(new MapPropertySource("platformTracing", defaults));
  }

  /**
   * The URL spans are sent to, or null: the traces endpoint as given, else the base endpoint with the
   * signal's path appended. Only OTLP over HTTP: the exporter sends with the JDK's HTTP client.
   */
  static String tracesEndpoint(ConfigurableEnvironment env) {
    String protocol = env.getProperty(PROTOCOL, "http/protobuf").strip().toLowerCase(Locale.ROOT);
    if (!protocol.equals("http/protobuf")) {
      throw new IllegalStateException(PROTOCOL + "=" + protocol + " is not supported: traces are sent"
          + " as OTLP over HTTP (http/protobuf, port 4318 of a collector)");
    }
    String traces = env.getProperty(TRACES_ENDPOINT, "").strip();
    if (!traces.isEmpty()) {
      return traces;
    }
    String base = env.getProperty(ENDPOINT, "").strip();
    return base.isEmpty() ? null : base.replaceAll("/+$", "") + "/v1/traces";
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
