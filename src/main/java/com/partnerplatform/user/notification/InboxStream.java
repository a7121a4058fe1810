package com.partnerplatform.user.notification;

import com.partnerplatform.user.notification.InboxStore.InboxItem;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live in-app notifications as Server-Sent Events. The inbox table is the only source: one poller
 * per process reads the rows written since its last look (by any process) about once a second and
 * sends each to its user's open streams, so a notification stored by a worker elsewhere reaches a
 * user connected here. Writers in this process wake the poller at once.
 */
@Component
class InboxStream implements SmartLifecycle {

  static final String EVENT_NAME = "notification";
  private static final Logger log = LoggerFactory.getLogger(InboxStream.class);
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  /** Comments this often find connections the client has dropped. */
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
  /** Clients reconnect after this; it bounds how long a revoked user keeps a stream. */
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
  private static final int BATCH = 500;

  private final InboxStore inbox;
  private final Map<UUID, Set<SseEmitter>> streamsByUser = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService poller;
  /** The newest inbox row already handled; -1 until the first look at the table. */
  private long lastSeenId = -1;
  private long lastHeartbeatNanos = System.nanoTime();

  InboxStream(InboxStore inbox) {
    this.inbox = inbox;
  }

  /** A stream of the user's new in-app notifications, from now on. */
  SseEmitter subscribe(UUID userId) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    streamsByUser.compute(userId, (id, streams) -> {
      Set<SseEmitter> all = streams == null ? new CopyOnWriteArraySet<>() : streams;
      all.add(emitter);
      return all;
    });
    Runnable remove = () -> unsubscribe(userId, emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(error -> remove.run());
    // Sent at once so the client knows it is connected (and proxies flush the headers).
    send(userId, emitter, SseEmitter.event().comment("connected"));
    return emitter;
  }

  /** Looks for new rows now instead of at the next tick. */
  void pollNow() {
    ScheduledExecutorService current = poller;
    if (current != null) {
      try {
        current.execute(this::poll);
      } catch (RejectedExecutionException e) {
        // Shutting down: nobody is listening any more.
      }
    }
  }

  /** Runs on the poller thread only. */
  private void poll() {
    try {
      if (lastSeenId < 0 || streamsByUser.isEmpty()) {
        lastSeenId = inbox.newestId(); // nobody listens: skip what was written meanwhile
      } else {
        List<InboxItem> items;
        do {
          items = inbox.after(lastSeenId, BATCH);
          for (InboxItem item : items) {
            publish(item);
            lastSeenId = item.id();
          }
        } while (items.size() == BATCH);
      }
      if (System.nanoTime() - lastHeartbeatNanos >= HEARTBEAT_INTERVAL.toNanos()) {
        lastHeartbeatNanos = System.nanoTime();
        streamsByUser.forEach((userId, streams) ->
            streams.forEach(emitter -> send(userId, emitter, SseEmitter.event().comment("heartbeat"))));
      }
    } catch (RuntimeException e) {
      // A failure must not end the schedule; the next tick tries again from the same row.
      log.warn("Reading new in-app notifications failed", e);
    }
  }

  private void publish(InboxItem item) {
    Set<SseEmitter> streams = streamsByUser.get(item.userId());
    if (streams == null) {
      return;
    }
    InboxItemView view = InboxItemView.of(item);
    streams.forEach(emitter -> send(item.userId(), emitter, SseEmitter.event()
        .id(String.valueOf(item.id()))
        .name(EVENT_NAME)
        .data(view, MediaType.APPLICATION_JSON)));
  }

  private void send(UUID userId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException e) {
      // The client went away (the container then completes the emitter) or it completed already.
      unsubscribe(userId, emitter);
    }
  }

  private void unsubscribe(UUID userId, SseEmitter emitter) {
    streamsByUser.computeIfPresent(userId, (id, streams) -> {
      streams.remove(emitter);
      return streams.isEmpty() ? null : streams;
    });
  }

  @Override
  public synchronized void start() {
    poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "inbox-stream-poller");
      thread.setDaemon(true);
      return thread;
    });
    poller.scheduleWithFixedDelay(this::poll, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ends every open stream, so that graceful shutdown does not wait for them to time out. */
  @Override
  public synchronized void stop() {
    if (poller == null) {
      return;
    }
    poller.shutdownNow();
    poller = null;
    streamsByUser.values().forEach(streams -> streams.forEach(SseEmitter::complete));
    streamsByUser.clear();
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }

  @Override
  public int getPhase() {
    // Stopped before the web server's graceful shutdown begins waiting for open requests.
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
