package com.partnerplatform.platform.temporal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code platform.temporal.mode} before any bean exists and translates it into the
 * Temporal Spring Boot starter's {@code spring.temporal.*} properties, so the starter builds the
 * right client: a connection to an external or dev server, or the in-process test server.
 */
public class TemporalModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String RESOLVED_MODE = "platform.temporal.resolved-mode";
  static final String RESOLVED_CLI = "platform.temporal.resolved-cli";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    TemporalMode requested = parse(env.getProperty("platform.temporal.mode", "auto"));
    Optional<Path> cli = TemporalCli.find(env.getProperty("platform.temporal.cli-path"));
    TemporalMode mode = requested;
    if (requested == TemporalMode.AUTO) {
      mode = cli.isPresent() ? TemporalMode.DEV_SERVER : TemporalMode.IN_MEMORY;
    }
    if (mode == TemporalMode.DEV_SERVER && cli.isEmpty()) {
      throw new IllegalStateException(
          "platform.temporal.mode=dev-server but no temporal CLI was found: set TEMPORAL_CLI, put"
              + " temporal on the PATH or run scripts/install-tools.sh");
    }

    Map<String, Object> resolved = new HashMap<>();
    resolved.put(RESOLVED_MODE, mode.name());
    cli.ifPresent(path -> resolved.put(RESOLVED_CLI, path.toString()));
    resolved.put("spring.temporal.namespace", env.getProperty("platform.temporal.namespace", "default"));
    if (mode == TemporalMode.IN_MEMORY) {
      resolved.put("spring.temporal.test-server.enabled", "true");
    } else {
      resolved.put("spring.temporal.test-server.enabled", "false");
      resolved.put("spring.temporal.connection.target", env.getProperty("platform.temporal.address"));
    }
    if (mode == TemporalMode.EXTERNAL) {
      mapSecurity(env, resolved);
    }
    env.getPropertySources().addFirst(new MapPropertySource("platformTemporalMode", resolved));
  }

  /**
   * API key (Temporal Cloud, implies TLS), mTLS files (the starter builds their SSL context), or
   * plain server-side TLS with {@code platform.temporal.tls.enabled}.
   */
  private static void mapSecurity(ConfigurableEnvironment env, Map<String, Object> resolved) {
    String apiKey = env.getProperty("platform.temporal.api-key", "");
    String certChain = env.getProperty("platform.temporal.tls.cert-chain-file", "");
    String key = env.getProperty("platform.temporal.tls.key-file", "");
    boolean tls = env.getProperty("platform.temporal.tls.enabled", Boolean.class, false);
    if (!apiKey.isBlank()) {
      resolved.put("spring.temporal.connection.api-key", apiKey);
      tls = true;
    }
    if (!certChain.isBlank() || !key.isBlank()) {
      resolved.put("spring.temporal.connection.mtls.cert-chain-file", certChain);
      resolved.put("spring.temporal.connection.mtls.key-file", key);
      String serverName = env.getProperty("platform.temporal.tls.server-name", "");
      if (!serverName.isBlank()) {
        resolved.put("spring.temporal.connection.mtls.server-name", serverName);
      }
    } else {
      resolved.put("spring.temporal.connection.enable-https", String.valueOf(tls));
    }
  }

  static TemporalMode parse(String value) {
    try {
      return TemporalMode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "platform.temporal.mode must be one of auto, dev-server, in-memory, external; got '"
              + value + "'");
    }
  }

  @Override
  public int getOrder() {
    // After application.yml and the environment have been loaded.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
