package com.partnerplatform.user.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily period in the user's time zone during which non-urgent notifications wait. The period
 * may span midnight (22:00 to 07:00). Times are {@code HH:mm} strings so the record reads the same
 * in the API and in workflow histories; the constraints check API input.
 *
 * @param start when the quiet period begins, inclusive
 * @param end when it ends, exclusive
 * @param timeZone an IANA time zone id such as {@code Europe/Berlin}
 */
public record QuietHours(
    @Schema(example = "22:00") @NotNull @Pattern(regexp = QuietHours.TIME_PATTERN, message = "must be a time HH:mm")
    String start,
    @Schema(example = "07:00") @NotNull @Pattern(regexp = QuietHours.TIME_PATTERN, message = "must be a time HH:mm")
    String end,
    @Schema(example = "Europe/Berlin") @NotBlank @Size(max = 64) String timeZone) {

  /** {@code HH:mm}, 00:00 to 23:59. */
  public static final String TIME_PATTERN = "([01][0-9]|2[0-3]):[0-5][0-9]";

  /**
   * When the quiet period that {@code now} falls in ends, or empty when {@code now} is outside quiet
   * hours. Pure, so workflow code can call it with the workflow's clock.
   */
  public Optional<Instant> endIfInside(Instant now) {
    LocalTime from = LocalTime.parse(start);
    LocalTime until = LocalTime.parse(end);
    ZonedDateTime local = now.atZone(ZoneId.of(timeZone));
    LocalTime time = local.toLocalTime();
    boolean inside = from.isBefore(until)
        ? !time.isBefore(from) && time.isBefore(until)
        : !time.isBefore(from) || time.isBefore(until);
    if (!inside) {
      return Optional.empty();
    }
    // The next time the clock shows `end` (a DST gap moves it forward with the clock).
    ZonedDateTime endToday = local.toLocalDate().atTime(until).atZone(local.getZone());
    ZonedDateTime next = endToday.isAfter(local) ? endToday : endToday.plusDays(1);
    return Optional.of(next.toInstant());
  }
}
