package com.partnerplatform.payment;

import java.math.BigDecimal;

/**
 * What a subscription pays each period. Plans do not change once created, so a subscription's
 * workflow keeps a copy of its plan.
 *
 * @param id chosen by the admin who creates it, e.g. {@code pro-monthly}
 * @param amount charged at the start of each period, in the currency's major unit
 */
public record Plan(String id, String name, BigDecimal amount, String currency, BillingPeriod period) {}
