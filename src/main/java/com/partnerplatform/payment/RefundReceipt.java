package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.util.List;

/**
 * The refunds of an order.
 *
 * @param amount everything refunded so far; zero when nothing was charged
 * @param references the gateway's references of the refunds
 */
public record RefundReceipt(BigDecimal amount, List<String> references) {}
