package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private final QuietHours overnightInBerlin = new QuietHours("22:00", "07:00", "Europe/Berlin");

  @Test
  void anOvernightPeriodEndsTheNextMorningInTheUsersTimeZone() {
    // 23:30 in Berlin (UTC+1 in January).
    assertThat(overnightInBerlin.endIfInside(Instant.parse("2026-01-15T22:30:00Z")))
        .contains(Instant.parse("2026-01-16T06:00:00Z"));
    // 03:00 in Berlin: the same night, ending this morning.
    assertThat(overnightInBerlin.endIfInside(Instant.parse("2026-01-16T02:00:00Z")))
        .contains(Instant.parse("2026-01-16T06:00:00Z"));
  }

  @Test
  void theStartIsInsideAndTheEndIsNot() {
    assertThat(overnightInBerlin.endIfInside(Instant.parse("2026-01-15T21:00:00Z"))).isPresent();
    assertThat(overnightInBerlin.endIfInside(Instant.parse("2026-01-16T06:00:00Z"))).isEmpty();
    assertThat(overnightInBerlin.endIfInside(Instant.parse("2026-01-15T12:00:00Z"))).isEmpty();
  }

  @Test
  void aPeriodWithinOneDay() {
    QuietHours lunch = new QuietHours("12:00", "13:30", "UTC");

    assertThat(lunch.endIfInside(Instant.parse("2026-03-02T12:45:00Z"))).contains(Instant.parse("2026-03-02T13:30:00Z"));
    assertThat(lunch.endIfInside(Instant.parse("2026-03-02T11:59:00Z"))).isEmpty();
    assertThat(lunch.endIfInside(Instant.parse("2026-03-02T22:00:00Z"))).isEmpty();
  }

  @Test
  void theEndFollowsTheClockAcrossADaylightSavingChange() {
    // Berlin moves from UTC+1 to UTC+2 in the night to 2026-03-29: 07:00 local is 05:00 UTC.
    assertThat(overnightInBerlin.endIfInside(Instant.parse("2026-03-28T23:00:00Z")))
        .contains(Instant.parse("2026-03-29T05:00:00Z"));
  }
}
