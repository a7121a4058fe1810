package com.partnerplatform.payment.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook payloads the way the providers do, for tests. */
public final class WebhookSignatures {

  private WebhookSignatures() {}

  /** A {@code Stripe-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">}. */
  public static String stripe(String payload, String secret, long unixSeconds) {
    return "t=" + unixSeconds + ",v1=" + hmacSha256(secret, unixSeconds + "." + payload);
  }

  /** An {@code X-Razorpay-Signature} header: the hex HMAC-SHA256 of the payload. */
  public static String razorpay(String payload, String secret) {
    return hmacSha256(secret, payload);
  }

  private static String hmacSha256(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
