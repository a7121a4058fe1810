package com.partnerplatform.user;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts events per key in a sliding time window and refuses the event that would exceed the
 * limit. Memory stays bounded: each key keeps at most {@code limit} timestamps, keys whose events
 * all left the window are dropped once per window, and beyond {@code maxKeys} the least recently
 * active keys are dropped.
 */
final class FailureWindow {

  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private final int maxKeys;
  private final Map<String, Events> eventsByKey = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile long nextSweepAt;

  FailureWindow(int limit, Duration window, Clock clock, int maxKeys) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    this.maxKeys = maxKeys;
    this.nextSweepAt = clock.millis() + windowMillis;
  }

  /**
   * Counts an event for the key unless the key already has {@code limit} events in the window.
   *
   * @return empty when counted; otherwise how long until the oldest event leaves the window
   */
  Optional<Duration> tryCount(String key) {
    long now = clock.millis();
    sweepIfDue(now);
    long[] waitMillis = {0};
    eventsByKey.compute(key, (k, existing) -> {
      Events events = existing == null ? new Events(limit) : existing;
      events.dropUpTo(now - windowMillis);
      if (events.size() < limit) {
        events.add(now);
      } else {
        waitMillis[0] = events.oldest() + windowMillis - now;
      }
      return events;
    });
    return waitMillis[0] > 0 ? Optional.of(Duration.ofMillis(waitMillis[0])) : Optional.empty();
  }

  /** Takes back the most recent event of the key (an attempt that turned out not to count). */
  void uncount(String key) {
    eventsByKey.computeIfPresent(key, (k, events) -> {
      events.removeNewest();
      return events.size() == 0 ? null : events;
    });
  }

  void reset(String key) {
    eventsByKey.remove(key);
  }

  int trackedKeys() {
    return eventsByKey.size();
  }

  private void sweepIfDue(long now) {
    if ((now < nextSweepAt && eventsByKey.size() < maxKeys) || !sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      nextSweepAt = now + windowMillis;
      for (String key : eventsByKey.keySet()) {
        eventsByKey.computeIfPresent(key, (k, events) -> {
          events.dropUpTo(now - windowMillis);
          return events.size() == 0 ? null : events;
        });
      }
      int excess = eventsByKey.size() - maxKeys;
      if (excess >= 0) {
        // Leave headroom (a tenth of the capacity) so a full table is not sorted on every attempt.
        eventsByKey.entrySet().stream()
            .sorted(Comparator.comparingLong(entry -> entry.getValue().newest()))
            .limit(excess + 1 + maxKeys / 10)
            .toList()
            .forEach(entry -> eventsByKey.remove(entry.getKey(), entry.getValue()));
      }
    } finally {
      sweeping.set(false);
    }
  }

  /** Epoch-millisecond timestamps in a ring buffer, oldest first. */
  private static final class Events {

    private final long[] ring;
    private int head;
    private int size;

    Events(int capacity) {
      ring = new long[capacity];
    }

    synchronized int size() {
      return size;
    }

    synchronized long oldest() {
      return ring[head];
    }

    synchronized long newest() {
      return size == 0 ? Long.MIN_VALUE : ring[(head + size - 1) % ring.length];
    }

    /** Callers keep size below capacity. */
    synchronized void add(long timestamp) {
      ring[(head + size) % ring.length] = timestamp;
      size++;
    }

    synchronized void removeNewest() {
      if (size > 0) {
        size--;
      }
    }

    synchronized void dropUpTo(long cutoff) {
      while (size > 0 && ring[head] <= cutoff) {
        head = (head + 1) % ring.length;
        size--;
      }
    }
  }
}
