package com.partnerplatform.operations.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecutionFilterTest {

  @Test
  void noFiltersListEverything() {
    assertThat(new ExecutionFilter(null, "", " ", null, "").query()).isEmpty();
  }

  @Test
  void everyFilterBecomesATermAndABusinessIdMatchesTheWorkflowsNamedAfterIt() {
    String query = new ExecutionFilter("PaymentWorkflow", "Failed", " 42 ", "2026-11-26T06:30", "2026-11-26T07:00")
        .query();

    assertThat(query).isEqualTo("WorkflowType = 'PaymentWorkflow' AND ExecutionStatus = 'Failed' AND ("
        + "WorkflowId = '42' OR WorkflowId = 'payment-42' OR WorkflowId = 'refund-42' OR WorkflowId = 'subscription-42'"
        + " OR WorkflowId = 'listing-approval-42' OR WorkflowId = 'listing-expiration-42' OR WorkflowId = 'onboarding-42')"
        + " AND StartTime >= '2026-11-26T06:30:00Z' AND StartTime <= '2026-11-26T07:00:00Z'");
  }

  @Test
  void quotesCannotEndALiteralAndBadTimesAreExplained() {
    assertThat(new ExecutionFilter("X' OR WorkflowType != '", null, null, null, null).query())
        .isEqualTo("WorkflowType = 'X OR WorkflowType != '");
    assertThatThrownBy(() -> new ExecutionFilter(null, null, null, "yesterday", null).query())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-11-26T06:30");
  }
}
