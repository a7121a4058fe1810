package com.partnerplatform.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TracingEnvironmentPostProcessorTest {

  @Test
  void withoutAnEndpointTracingIsOffAndNothingIsInstrumented() {
    StandardEnvironment env = postProcessed(Map.of());

    assertThat(env.getProperty("management.tracing.export.enabled")).isEqualTo("false");
    assertThat(env.getProperty("jdbc.datasource-proxy.enabled")).isEqualTo("false");
    assertThat(env.getProperty("spring.autoconfigure.exclude"))
        .isEqualTo("io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration");
    assertThat(env.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
  }

  @Test
  void theBaseEndpointGetsTheTracesPathOverHttp() {
    StandardEnvironment env = postProcessed(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318/"));

    assertThat(env.getProperty("management.tracing.export.enabled")).isEqualTo("true");
    assertThat(env.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://127.0.0.1:4318/v1/traces");
    assertThat(env.getProperty("jdbc.datasource-proxy.enabled")).isNull();
    assertThat(env.getProperty("spring.autoconfigure.exclude")).isNull();
  }

  @Test
  void otlpOverGrpcIsRefusedAtStartup() {
    assertThatIllegalStateException()
        .isThrownBy(() -> postProcessed(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
            "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .withMessageContaining("http/protobuf");
  }

  @Test
  void theTracesEndpointWinsAsItIs() {
    StandardEnvironment env = postProcessed(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom"));

    assertThat(env.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://traces:4318/custom");
  }

  @Test
  void anExplicitSettingWins() {
    StandardEnvironment env = postProcessed(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
        "management.tracing.export.enabled", "false"));

    assertThat(env.getProperty("management.tracing.export.enabled")).isEqualTo("false");
  }

  private static StandardEnvironment postProcessed(Map<String, Object> given) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("given", given));
    // The machine's own OTEL_* variables must not decide these tests.
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    new TracingEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
    return env;
  }
}
