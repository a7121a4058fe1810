package com.partnerplatform.analytics;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The analytics domain's Temporal Schedules.
 *
 * @param timeZone the IANA time zone the cron expressions are read in
 * @param catchupWindow how late a run missed while the server was down may still start
 * @param cron the cron expression of each schedule, by schedule id (e.g. {@code daily-report})
 */
@Validated
@ConfigurationProperties("platform.schedules")
public record ScheduleProperties(
    @NotBlank String timeZone, @NotNull Duration catchupWindow, @NotEmpty Map<String, @NotBlank String> cron) {

  String cronOf(String scheduleId) {
    String expression = cron.get(scheduleId);
    if (expression == null) {
      throw new IllegalStateException("platform.schedules.cron." + scheduleId + " is not configured");
    }
    return expression;
  }
}
