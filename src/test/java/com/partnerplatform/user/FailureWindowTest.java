package com.partnerplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureWindowTest {

  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

  @Test
  void keysWhoseEventsLeftTheWindowAreDropped() {
    FailureWindow window = new FailureWindow(3, WINDOW, clock, 1_000);
    window.tryCount("a");
    window.tryCount("b");
    clock.advance(Duration.ofMinutes(10));
    window.tryCount("c");

    clock.advance(Duration.ofMinutes(6)); // a and b are out of the window, c is not
    window.tryCount("d");

    assertThat(window.trackedKeys()).isEqualTo(2);
    // c kept its event from minute 10: two more reach the limit of 3, until minute 25.
    assertThat(window.tryCount("c")).isEmpty();
    assertThat(window.tryCount("c")).isEmpty();
    assertThat(window.tryCount("c")).contains(Duration.ofMinutes(9));
  }

  @Test
  void aFullTableDropsTheLeastRecentlyActiveKeys() {
    FailureWindow window = new FailureWindow(1, WINDOW, clock, 10);
    for (int i = 0; i < 25; i++) {
      window.tryCount("key" + i);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(window.trackedKeys()).isLessThanOrEqualTo(10);
    // The newest key is still tracked (and at its limit), the oldest is forgotten.
    assertThat(window.tryCount("key24")).isPresent();
    assertThat(window.tryCount("key0")).isEmpty();
  }

  @Test
  void uncountTakesBackTheLatestEvent() {
    FailureWindow window = new FailureWindow(2, WINDOW, clock, 1_000);
    window.tryCount("a");
    window.tryCount("a");
    window.uncount("a");

    assertThat(window.tryCount("a")).isEmpty();
    assertThat(window.tryCount("a")).isPresent();
  }
}
