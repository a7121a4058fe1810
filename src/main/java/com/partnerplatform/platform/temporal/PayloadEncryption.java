package com.partnerplatform.platform.temporal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM over whole payloads, so the Temporal server stores no readable argument, result or
 * signal. An encrypted payload carries {@code encoding: binary/encrypted} and the id of its key;
 * its data is a random 96-bit nonce followed by the ciphertext of the original payload. Payloads
 * without that encoding pass through, so histories written before encryption stay readable.
 */
public final class PayloadEncryption implements PayloadCodec {

  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  private static final String METADATA_ENCODING = "encoding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Map<String, SecretKey> keys;
  private final String currentKeyId;
  private final SecureRandom random = new SecureRandom();

  /** {@code currentKeyId} null: decrypts with the given keys but encrypts nothing. */
  public PayloadEncryption(Map<String, String> base64Keys, String currentKeyId) {
    Map<String, SecretKey> parsed = new HashMap<>();
    base64Keys.forEach((id, value) -> parsed.put(id, key(id, value)));
    if (currentKeyId != null && !parsed.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("platform.temporal.encryption.key-id '" + currentKeyId
          + "' is not among platform.temporal.encryption.keys " + parsed.keySet());
    }
    this.keys = Map.copyOf(parsed);
    this.currentKeyId = currentKeyId;
  }

  public static PayloadEncryption of(EncryptionSettings settings) {
    if (settings.encrypting() && (settings.keyId() == null || settings.keyId().isBlank())) {
      throw new IllegalArgumentException(
          "platform.temporal.encryption.enabled is true but platform.temporal.encryption.key-id is not set");
    }
    return new PayloadEncryption(settings.keys(), settings.encrypting() ? settings.keyId() : null);
  }

  public boolean encrypting() {
    return currentKeyId != null;
  }

  public boolean hasKeys() {
    return !keys.isEmpty();
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    if (currentKeyId == null) {
      return payloads;
    }
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, currentKeyId, nonce);
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata(METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(currentKeyId))
          .setData(ByteString.copyFrom(nonce).concat(ByteString.copyFrom(sealed)))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("Payload encryption failed", e);
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(METADATA_ENCODING);
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload;
    }
    ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID);
    String keyId = keyIdBytes == null ? null : keyIdBytes.toStringUtf8();
    if (keyId == null || !keys.containsKey(keyId)) {
      throw new PayloadCodecException("Payload is encrypted with key id '" + keyId
          + "', which is not configured (platform.temporal.encryption.keys has " + keys.keySet()
          + "); keep retired keys configured for decryption", null);
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length <= NONCE_BYTES) {
      throw new PayloadCodecException("Encrypted payload is too short");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, keyId, Arrays.copyOf(data, NONCE_BYTES));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("Payload with key id '" + keyId + "' cannot be decrypted", e);
    }
  }

  private Cipher cipher(int mode, String keyId, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
    // The key id is authenticated too: a payload relabelled with another id fails to decrypt.
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static SecretKey key(String id, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("platform.temporal.encryption.keys." + id + " is not base64");
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new IllegalArgumentException("platform.temporal.encryption.keys." + id
          + " must be a 128, 192 or 256-bit AES key, got " + bytes.length * 8 + " bits");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
