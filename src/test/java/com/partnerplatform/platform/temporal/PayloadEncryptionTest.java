package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadEncryptionTest {

  private static final String K1 = key(1);
  private static final String K2 = key(2);
  private static final String EMAIL = "alice@example.com";

  @Test
  void roundTripHidesThePlaintextAndNamesTheKey() {
    PayloadEncryption codec = new PayloadEncryption(Map.of("k1", K1), "k1");
    Payload plain = json(EMAIL);

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertThat(sealed.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain(EMAIL);
    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
  }

  @Test
  void theSamePayloadEncryptsDifferentlyEachTime() {
    PayloadEncryption codec = new PayloadEncryption(Map.of("k1", K1), "k1");

    assertThat(codec.encode(List.of(json(EMAIL))).get(0).getData())
        .isNotEqualTo(codec.encode(List.of(json(EMAIL))).get(0).getData());
  }

  @Test
  void afterRotationOldPayloadsStillDecrypt() {
    Payload old = new PayloadEncryption(Map.of("k1", K1), "k1").encode(List.of(json(EMAIL))).get(0);
    PayloadEncryption rotated = new PayloadEncryption(Map.of("k1", K1, "k2", K2), "k2");

    Payload fresh = rotated.encode(List.of(json(EMAIL))).get(0);

    assertThat(fresh.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(old, fresh))).containsExactly(json(EMAIL), json(EMAIL));
  }

  @Test
  void anUnknownKeyIdIsAClearError() {
    Payload sealed = new PayloadEncryption(Map.of("k1", K1), "k1").encode(List.of(json(EMAIL))).get(0);
    PayloadEncryption withoutK1 = new PayloadEncryption(Map.of("k2", K2), "k2");

    assertThatThrownBy(() -> withoutK1.decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key id 'k1'")
        .hasMessageContaining("not configured");
  }

  @Test
  void aTamperedPayloadOrRelabelledKeyIsRefused() {
    PayloadEncryption codec = new PayloadEncryption(Map.of("k1", K1, "k2", K2), "k1");
    Payload sealed = codec.encode(List.of(json(EMAIL))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;

    assertThatThrownBy(() -> codec.decode(List.of(sealed.toBuilder().setData(ByteString.copyFrom(data)).build())))
        .isInstanceOf(PayloadCodecException.class);
    assertThatThrownBy(() -> codec.decode(List.of(
        sealed.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2")).build())))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void unencryptedPayloadsPassThroughSoRecordedHistoriesReplay() {
    PayloadEncryption codec = new PayloadEncryption(Map.of("k1", K1), "k1");

    assertThat(codec.decode(List.of(json(EMAIL)))).containsExactly(json(EMAIL));
  }

  @Test
  void withoutACurrentKeyNothingIsEncryptedButOldPayloadsDecrypt() {
    Payload sealed = new PayloadEncryption(Map.of("k1", K1), "k1").encode(List.of(json(EMAIL))).get(0);
    PayloadEncryption decryptOnly =
        PayloadEncryption.of(new EncryptionSettings(false, "k1", Map.of("k1", K1), null));

    assertThat(decryptOnly.encode(List.of(json(EMAIL)))).containsExactly(json(EMAIL));
    assertThat(decryptOnly.decode(List.of(sealed))).containsExactly(json(EMAIL));
  }

  @Test
  void encryptionIsOnWhenACurrentKeyIsConfigured() {
    assertThat(new EncryptionSettings(null, "k1", Map.of("k1", K1), null).encrypting()).isTrue();
    assertThat(new EncryptionSettings(null, "", Map.of(), null).encrypting()).isFalse();
    assertThatThrownBy(() -> PayloadEncryption.of(new EncryptionSettings(true, "", Map.of(), null)))
        .hasMessageContaining("key-id");
    assertThatThrownBy(() -> new PayloadEncryption(Map.of("k1", K1), "k9")).hasMessageContaining("k9");
    assertThatThrownBy(() -> new PayloadEncryption(Map.of("k1", "c2hvcnQ="), "k1")).hasMessageContaining("bits");
  }

  @Test
  void theDataConverterRoundTripsValues() {
    CodecDataConverter converter = new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE,
        List.of(new PayloadEncryption(Map.of("k1", K1), "k1")));

    Optional<io.temporal.api.common.v1.Payloads> payloads = converter.toPayloads(Map.of("email", EMAIL));

    assertThat(payloads.orElseThrow().toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain(EMAIL);
    assertThat(converter.fromPayloads(0, payloads, Map.class, Map.class)).isEqualTo(Map.of("email", EMAIL));
  }

  private static Payload json(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
  }

  private static String key(int seed) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) seed);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
