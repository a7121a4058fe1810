package com.partnerplatform.payment;

import com.partnerplatform.payment.PlanController.PlanView;
import com.partnerplatform.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions")
@Tag(name = "Subscriptions", description = "Recurring billing of a plan: subscribe, pause, resume, change plan, "
    + "cancel")
@SecurityRequirement(name = "bearer")
class SubscriptionController {

  private static final String CHANGE_REFUSED = "SUBSCRIPTION_ENDED, SUBSCRIPTION_NOT_ACTIVE, "
      + "SUBSCRIPTION_NOT_PAUSED or SUBSCRIPTION_CANCEL_PENDING: the subscription's state does not allow it";

  private final SubscriptionService service;

  SubscriptionController(SubscriptionService service) {
    this.service = service;
  }

  @PostMapping
  @Operation(summary = "Subscribe to a plan", description = "Starts the workflow subscription-{id}, which charges "
      + "the first period at once and each further period at its start, reminds 3 days before each renewal, "
      + "sends a receipt after each payment, and retries a failed charge 1, 3 and 5 days after it was due before "
      + "it suspends the subscription. A repeated request with the same Idempotency-Key returns the same "
      + "subscription.")
  @ApiResponse(responseCode = "201", description = "The subscription's id, workflow id and status")
  @ApiResponse(responseCode = "400",
      description = "VALIDATION_FAILED, UNKNOWN_PLAN or UNSUPPORTED_PAYMENT_METHOD")
  public ResponseEntity<Created> create(Authentication authentication,
      @Parameter(description = "Makes a repeated request return the first one's subscription")
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Size(min = 1, max = 255) @Pattern(regexp = "\\S+", message = "must not contain spaces") String idempotencyKey,
      @Valid @RequestBody NewSubscription request) {
    Subscription subscription = service.subscribe(Caller.of(authentication), request.planId(),
        request.paymentMethod(), idempotencyKey);
    return ResponseEntity.created(URI.create("/api/subscriptions/" + subscription.id()))
        .body(new Created(subscription.id(), subscription.workflowId(), subscription.status().value()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One subscription (its subscriber or an admin)", description = "While it runs, from its "
      + "workflow's getDetails query: status, plan and next plan, next charge time, failed attempts, last "
      + "payments. Once it has ended, from the database.")
  @ApiResponse(responseCode = "200", description = "The subscription")
  @ApiResponse(responseCode = "404", description = "SUBSCRIPTION_NOT_FOUND, also for another user's subscription")
  public SubscriptionView get(Authentication authentication, @PathVariable UUID id) {
    return SubscriptionView.of(service.details(Caller.of(authentication), id));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel a subscription", description = "At once (status cancelled), or with atPeriodEnd "
      + "when the period paid for ends (it stays active until then, without reminders, and then expires). A cancel "
      + "(or pause, or plan change) that arrives while a period's charge is in progress waits until that charge "
      + "has settled and then applies. Cancelled at once while a charge was in progress: that period's charge is "
      + "refunded in full, the answer's refund shows the refund (null when nothing was refunded), and no receipt is "
      + "sent; the cancellation e-mail says whether anything was refunded.")
  @ApiResponse(responseCode = "200", description = "The subscription after the change")
  @ApiResponse(responseCode = "404", description = "SUBSCRIPTION_NOT_FOUND, also for another user's subscription")
  @ApiResponse(responseCode = "409", description = CHANGE_REFUSED)
  public SubscriptionView cancel(Authentication authentication, @PathVariable UUID id,
      @RequestBody(required = false) CancelRequest request) {
    boolean atPeriodEnd = request != null && Boolean.TRUE.equals(request.atPeriodEnd());
    return SubscriptionView.of(service.cancel(Caller.of(authentication), id, atPeriodEnd));
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause an active subscription", description = "No charges until it is resumed; the period "
      + "paid for runs out as usual. During a charge in progress, the pause waits until it has settled (409 "
      + "SUBSCRIPTION_NOT_ACTIVE if it failed).")
  @ApiResponse(responseCode = "200", description = "The subscription after the change")
  @ApiResponse(responseCode = "404", description = "SUBSCRIPTION_NOT_FOUND, also for another user's subscription")
  @ApiResponse(responseCode = "409", description = CHANGE_REFUSED)
  public SubscriptionView pause(Authentication authentication, @PathVariable UUID id) {
    return SubscriptionView.of(service.pause(Caller.of(authentication), id));
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "Resume a paused subscription", description = "Charges on the due date if it is still "
      + "ahead; otherwise at once, and the next periods count from now.")
  @ApiResponse(responseCode = "200", description = "The subscription after the change")
  @ApiResponse(responseCode = "404", description = "SUBSCRIPTION_NOT_FOUND, also for another user's subscription")
  @ApiResponse(responseCode = "409", description = CHANGE_REFUSED)
  public SubscriptionView resume(Authentication authentication, @PathVariable UUID id) {
    return SubscriptionView.of(service.resume(Caller.of(authentication), id));
  }

  @PutMapping("/{id}/plan")
  @Operation(summary = "Change the plan from the next period", description = "The next charge is the new plan's "
      + "amount, and periods follow the new plan's billing period from then on. The current plan's id withdraws "
      + "a change not yet in effect. During a charge in progress, the change waits until it has settled.")
  @ApiResponse(responseCode = "200", description = "The subscription after the change (the plan as nextPlan)")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNKNOWN_PLAN")
  @ApiResponse(responseCode = "404", description = "SUBSCRIPTION_NOT_FOUND, also for another user's subscription")
  @ApiResponse(responseCode = "409", description = CHANGE_REFUSED)
  public SubscriptionView changePlan(Authentication authentication, @PathVariable UUID id,
      @Valid @RequestBody PlanChange request) {
    return SubscriptionView.of(service.changePlan(Caller.of(authentication), id, request.planId()));
  }

  record NewSubscription(@NotBlank @Size(max = 64) String planId, @Valid @NotNull PaymentMethod paymentMethod) {}

  /** @param atPeriodEnd false or absent: at once */
  record CancelRequest(Boolean atPeriodEnd) {}

  record PlanChange(@NotBlank @Size(max = 64) String planId) {}

  record Created(UUID id, String workflowId, String status) {}

  record SubscriptionView(UUID id, UUID userId, String workflowId, String status, PlanView plan, PlanView nextPlan,
      String paymentMethodType, int periodsPaid, Instant paidThrough, Instant nextChargeAt, int failedAttempts,
      boolean cancelAtPeriodEnd, String lastFailure, List<SubscriptionPayment> lastPayments, SubscriptionRefund refund,
      Instant createdAt) {

    static SubscriptionView of(SubscriptionService.Found found) {
      Subscription subscription = found.subscription();
      SubscriptionDetails details = found.details();
      return new SubscriptionView(subscription.id(), subscription.userId(), subscription.workflowId(),
          details.status().value(), PlanView.of(details.plan()),
          details.nextPlan() == null ? null : PlanView.of(details.nextPlan()), subscription.paymentMethodType(),
          details.periodsPaid(), details.paidThrough(), details.nextChargeAt(), details.failedAttempts(),
          details.cancelAtPeriodEnd(), details.lastFailure(), details.lastPayments(), details.refund(),
          subscription.createdAt());
    }
  }
}
