package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.util.UUID;

/** What the saga needs to know about the order it pays. */
public record OrderSummary(UUID orderId, UUID userId, BigDecimal amount, String currency) {}
