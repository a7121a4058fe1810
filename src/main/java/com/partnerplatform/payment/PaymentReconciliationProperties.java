package com.partnerplatform.payment;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param lookBack how far back each reconciliation compares the gateway's charges with the ledger */
@Validated
@ConfigurationProperties("platform.payment.reconciliation")
public record PaymentReconciliationProperties(@DefaultValue("3d") @NotNull Duration lookBack) {}
