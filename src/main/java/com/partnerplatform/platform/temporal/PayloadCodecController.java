package com.partnerplatform.platform.temporal;

import com.google.protobuf.ByteString;
import com.partnerplatform.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so the Web UI and {@code temporal} CLI can show decrypted
 * payloads to operators: point the UI's codec endpoint at {@code <api>/api/temporal/codec} and let
 * it pass the user's access token.
 */
@RestController
@RequestMapping("/api/temporal/codec")
@Tag(name = "Temporal codec", description = "Encrypts and decrypts workflow payloads for Temporal tools")
@SecurityRequirement(name = "bearer")
class PayloadCodecController {

  private final PayloadEncryption encryption;

  PayloadCodecController(PayloadEncryption encryption) {
    this.encryption = encryption;
  }

  @PostMapping("/decode")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Decrypt payloads (admin)", description = "Payloads without the encrypted encoding are "
      + "returned as they are.")
  @ApiResponse(responseCode = "200", description = "The decoded payloads, in order")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNDECODABLE_PAYLOAD (bad base64, unknown "
      + "key id, tampered data)")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  public CodecPayloads decode(@Valid @RequestBody CodecPayloads request) {
    return apply(request, encryption::decode);
  }

  @PostMapping("/encode")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Encrypt payloads (admin)", description = "With the current key; unchanged when "
      + "encryption is off.")
  @ApiResponse(responseCode = "200", description = "The encoded payloads, in order")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNDECODABLE_PAYLOAD (bad base64)")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  public CodecPayloads encode(@Valid @RequestBody CodecPayloads request) {
    return apply(request, encryption::encode);
  }

  private static CodecPayloads apply(CodecPayloads request, UnaryOperator<List<Payload>> codec) {
    List<Payload> payloads = request.payloads().stream().map(CodecPayload::toPayload).toList();
    try {
      return new CodecPayloads(codec.apply(payloads).stream().map(CodecPayload::of).toList());
    } catch (PayloadCodecException e) {
      throw ApiException.badRequest("UNDECODABLE_PAYLOAD", e.getMessage());
    }
  }

  /** Proto3 JSON of {@code temporal.api.common.v1.Payloads}: bytes as base64. */
  public record CodecPayloads(@NotNull @Size(max = 1000) List<@Valid @NotNull CodecPayload> payloads) {}

  public record CodecPayload(Map<String, String> metadata, String data) {

    Payload toPayload() {
      Payload.Builder payload = Payload.newBuilder();
      if (metadata != null) {
        metadata.forEach((key, value) -> payload.putMetadata(key, ByteString.copyFrom(bytes(value, key))));
      }
      return payload.setData(ByteString.copyFrom(bytes(data, "data"))).build();
    }

    static CodecPayload of(Payload payload) {
      Map<String, String> metadata = new LinkedHashMap<>();
      payload.getMetadataMap().forEach((key, value) ->
          metadata.put(key, Base64.getEncoder().encodeToString(value.toByteArray())));
      return new CodecPayload(metadata, Base64.getEncoder().encodeToString(payload.getData().toByteArray()));
    }

    private static byte[] bytes(String base64, String field) {
      if (base64 == null) {
        return new byte[0];
      }
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("UNDECODABLE_PAYLOAD", "'" + field + "' is not base64.");
      }
    }
  }
}
