package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An item of the catalogue.
 *
 * @param stock units new orders can reserve
 */
record Product(String sku, String name, BigDecimal price, String currency, int stock, Instant createdAt,
    Instant updatedAt) {}
