package com.partnerplatform.platform.temporal;

import io.grpc.Context;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Runs workflow queries under a deadline ({@code platform.temporal.query-timeout}). A query is
 * answered by a worker; when none polls, the client would retry for a minute. HTTP handlers that
 * show a workflow's progress use this and fall back to the database instead.
 */
@Component
public class BoundedQueries implements DisposableBean {

  private final long timeoutMillis;
  private final ScheduledExecutorService deadlines;

  BoundedQueries(TemporalSettings settings) {
    this.timeoutMillis = settings.queryTimeout().toMillis();
    CustomizableThreadFactory threads = new CustomizableThreadFactory("query-deadline-");
    threads.setDaemon(true);
    this.deadlines = Executors.newSingleThreadScheduledExecutor(threads);
  }

  /**
   * The query's result; the query's own exception when it fails or runs out of time (a gRPC
   * DEADLINE_EXCEEDED inside a {@code WorkflowServiceException}).
   */
  public <T> T query(Supplier<T> query) {
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS, deadlines);
    try {
      return context.call(query::get);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null);
    }
  }

  @Override
  public void destroy() {
    deadlines.shutdownNow();
  }
}
