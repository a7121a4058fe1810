package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.user.NotificationResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a notification that a payment or subscription workflow started as a child. */
final class ChildNotifications {

  private ChildNotifications() {}

  static NotificationResult awaitResult(WorkflowClient client, String workflowId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
            .getResult(timeout.toSeconds(), TimeUnit.SECONDS, NotificationResult.class);
      } catch (WorkflowNotFoundException notStartedYet) {
        assertThat(System.nanoTime()).as("%s started", workflowId).isLessThan(deadline);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + workflowId, e);
        }
      } catch (TimeoutException e) {
        throw new AssertionError(workflowId + " did not complete", e);
      }
    }
  }
}
