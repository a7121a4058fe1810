package com.partnerplatform.user.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook bodies are signed: {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes,
 * keyed with the UTF-8 bytes of the user's secret as it was shown to them.
 */
final class WebhookSignature {

  private WebhookSignature() {}

  static String of(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JVM has HmacSHA256", e);
    }
  }
}
