package com.partnerplatform.platform.temporal;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The data converter the Temporal starter gives the client, the schedule client and the workers:
 * with keys configured it encrypts (when a current key is set) and decrypts payloads.
 */
@Configuration(proxyBeanMethods = false)
public class PayloadEncryptionConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PayloadEncryptionConfiguration.class);

  @Bean
  PayloadEncryption payloadEncryption(EncryptionSettings settings) {
    PayloadEncryption encryption = PayloadEncryption.of(settings);
    log.info("Temporal payload encryption: {}", encryption.encrypting()
        ? "on, key " + settings.keyId() + " (" + settings.keys().size() + " key(s) for decryption)"
        : encryption.hasKeys() ? "decryption only" : "off (no key configured)");
    return encryption;
  }

  @Bean
  DataConverter mainDataConverter(PayloadEncryption encryption) {
    return encryption.hasKeys()
        ? new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE, List.of(encryption))
        : DefaultDataConverter.STANDARD_INSTANCE;
  }

  /** The Temporal Web UI calls the codec endpoint from its own origin, with the user's token. */
  @Bean
  CorsConfigurationSource corsConfigurationSource(EncryptionSettings settings) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (settings.codecCorsOrigins().length > 0) {
      CorsConfiguration codec = new CorsConfiguration();
      codec.setAllowedOrigins(List.of(settings.codecCorsOrigins()));
      codec.setAllowedMethods(List.of("POST"));
      codec.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Namespace"));
      codec.setMaxAge(3600L);
      source.registerCorsConfiguration("/api/temporal/codec/**", codec);
    }
    return source;
  }
}
