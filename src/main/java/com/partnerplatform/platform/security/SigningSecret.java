package com.partnerplatform.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key for access tokens: from configuration, or generated once and kept in the data
 * directory so that tokens survive a restart of a local instance.
 */
final class SigningSecret {

  private static final Logger log = LoggerFactory.getLogger(SigningSecret.class);
  private static final int MIN_BYTES = 32;

  private SigningSecret() {}

  static SecretKey resolve(String configured, Path dataDir) {
    byte[] secret;
    if (configured != null && !configured.isBlank()) {
      secret = configured.getBytes(StandardCharsets.UTF_8);
    } else {
      secret = generatedIn(dataDir.resolve("jwt-secret"));
    }
    if (secret.length < MIN_BYTES) {
      throw new IllegalStateException(
          "platform.security.jwt-secret must be at least " + MIN_BYTES + " bytes long");
    }
    return new SecretKeySpec(secret, "HmacSHA256");
  }

  private static byte[] generatedIn(Path file) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      byte[] secret = new byte[48];
      new SecureRandom().nextBytes(secret);
      Files.createDirectories(file.getParent());
      Files.writeString(file, Base64.getEncoder().encodeToString(secret));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      log.info("Generated a token signing secret in {} (set PLATFORM_JWT_SECRET in production)", file);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the signing secret " + file, e);
    }
  }
}
