package com.partnerplatform.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's {@code NOTIFICATION_CONFIG}.
 *
 * @param channels the delivery channels notifications can use
 * @param webhookSignatureHeader the header carrying the HMAC-SHA256 signature of webhook bodies
 * @param webhookAllowPrivateAddresses let webhooks target loopback and private addresses (local
 *     runs and tests only: otherwise a user could make the platform call its own network)
 */
@Validated
@ConfigurationProperties("platform.notification")
public record NotificationProperties(
    @NotEmpty List<String> channels,
    @NotBlank String webhookSignatureHeader,
    boolean webhookAllowPrivateAddresses) {}
