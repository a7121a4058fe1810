package com.partnerplatform.platform.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail.
 *
 * @param embedded start an embedded SMTP server (GreenMail) and send through it; the local default.
 *     When false, {@code spring.mail.*} names the real relay
 * @param embeddedPort the embedded server's port; 0 picks a free one
 * @param from the sender address of every message
 * @param publicBaseUrl the address users reach the application at, for links in messages
 */
@Validated
@ConfigurationProperties("platform.mail")
public record MailSettings(
    boolean embedded, @Min(0) int embeddedPort, @NotBlank @Email String from, @NotBlank String publicBaseUrl) {}
