package com.partnerplatform.payment;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The billing terms of subscriptions. A subscription keeps the terms it started with: they travel
 * with its workflow.
 *
 * @param reminderBefore how long before each renewal charge the customer is reminded of it
 * @param dunningSchedule when a failed charge is retried, counted from the day it was due (seed:
 *     after 1, 3 and 5 days); when the last retry fails too the subscription is suspended
 */
@Validated
@ConfigurationProperties("platform.subscription")
public record SubscriptionProperties(
    @DefaultValue("3d") @NotNull Duration reminderBefore,
    @DefaultValue({"1d", "3d", "5d"}) @NotEmpty List<@NotNull Duration> dunningSchedule) {}
