package com.partnerplatform.platform.temporal;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payload encryption keys. {@code keys} maps key ids to base64 AES keys (16, 24 or 32 bytes);
 * {@code keyId} names the one new payloads are encrypted with, the others only decrypt older
 * histories, so a key rotates by adding a new one and pointing {@code keyId} at it. Encryption is
 * on when a current key is set, unless {@code enabled} says otherwise.
 */
@ConfigurationProperties("platform.temporal.encryption")
public record EncryptionSettings(Boolean enabled, String keyId, Map<String, String> keys, String[] codecCorsOrigins) {

  public EncryptionSettings {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    codecCorsOrigins = codecCorsOrigins == null ? new String[0] : codecCorsOrigins.clone();
  }

  public boolean encrypting() {
    return enabled == null ? keyId != null && !keyId.isBlank() : enabled;
  }
}
