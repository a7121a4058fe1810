package com.partnerplatform.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.NotificationResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * What the payment domain's HTTP tests share: one bootstrap admin (so they share one application
 * context), the sandbox gateway's cards, how long the workflows may take, and checks.
 */
final class PaymentApiTesting {

  static final String ADMIN_EMAIL = "payment-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-payment-its";
  static final String GOOD_CARD = "4242424242424242";
  static final String DECLINED_CARD = "4000000000000002";
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  private PaymentApiTesting() {}

  /**
   * Waits for the notification to its owner that an order's or a subscription's workflow started as
   * a child.
   *
   * @param workflow {@code payment} or {@code subscription}
   * @param about the order or subscription as the API shows it
   */
  static NotificationResult awaitNotification(WorkflowClient client, String workflow, JsonNode about,
      String dedupSuffix) {
    String workflowId = "notification-" + about.get("userId").asString() + "-" + workflow + "-"
        + about.get("id").asString() + "-" + dedupSuffix;
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      try {
        return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
            .getResult(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS, NotificationResult.class);
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

  /** Each operation ("path method") is in the API docs with a summary and the bearer scheme. */
  static void assertDocumentedWithTheBearerScheme(TestHttp http, List<String> operations) {
    JsonNode paths = TestHttp.json(http.get("/v3/api-docs")).get("paths");

    for (String operation : operations) {
      String[] parts = operation.split(" ");
      JsonNode documented = paths.get(parts[0]).get(parts[1]);
      assertThat(documented.get("summary").asString()).as(operation).isNotBlank();
      assertThat(documented.at("/security/0/bearer").isArray()).as(operation).isTrue();
    }
  }
}
