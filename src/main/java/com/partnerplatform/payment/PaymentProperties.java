package com.partnerplatform.payment;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's {@code PAYMENT_CONFIG}.
 *
 * @param maxInventoryReservationTime how long stock stays reserved for an unpaid order
 * @param gatewayTimeout how long one call to the payment gateway may take
 * @param currencies accepted currencies
 * @param methods accepted payment method types
 * @param gateway the payment gateway: {@code sandbox} (Stripe's test cards, no provider)
 */
@Validated
@ConfigurationProperties("platform.payment")
public record PaymentProperties(
    @NotNull Duration maxInventoryReservationTime,
    @NotNull Duration gatewayTimeout,
    @NotEmpty List<String> currencies,
    @NotEmpty List<String> methods,
    @DefaultValue("sandbox")
    @Pattern(regexp = "sandbox", message = "must be sandbox; no other gateway is available yet")
    String gateway) {}
