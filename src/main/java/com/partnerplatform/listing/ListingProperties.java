package com.partnerplatform.listing;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's {@code LISTING_CONFIG}.
 *
 * @param manualReviewTimeout how long a listing waits for a reviewer's decision
 * @param autoApprovalThreshold the quality score at or above which a timed-out review approves
 * @param expirationReminderDays days before expiry on which the partner is reminded
 * @param activeDays how long an approved listing stays live unless it asked for an earlier expiry
 * @param maxRenewalDays the most days one renewal may add
 */
@Validated
@ConfigurationProperties("platform.listing")
public record ListingProperties(
    @NotNull Duration manualReviewTimeout,
    @DecimalMin("0.0") @DecimalMax("1.0") double autoApprovalThreshold,
    @NotEmpty List<@Positive Integer> expirationReminderDays,
    @Positive int activeDays,
    @Positive int maxRenewalDays) {}
