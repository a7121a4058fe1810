package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/plans")
@Tag(name = "Plans", description = "What subscriptions pay, and how often")
@SecurityRequirement(name = "bearer")
class PlanController {

  private final PlanStore plans;
  private final PaymentRules rules;
  private final Clock clock;

  PlanController(PlanStore plans, PaymentRules rules, Clock clock) {
    this.plans = plans;
    this.rules = rules;
    this.clock = clock;
  }

  @PostMapping
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Add a plan (admin)", description = "Plans do not change once created: subscribers keep "
      + "what they signed up for. Offer a new plan instead.")
  @ApiResponse(responseCode = "201", description = "The plan")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNSUPPORTED_CURRENCY")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  @ApiResponse(responseCode = "409", description = "PLAN_EXISTS")
  public ResponseEntity<PlanView> create(@Valid @RequestBody NewPlan request) {
    if (!rules.acceptsCurrency(request.currency())) {
      throw ApiException.badRequest("UNSUPPORTED_CURRENCY", rules.currencyRule());
    }
    Plan plan = new Plan(request.id(), request.name().strip(), request.amount(), request.currency(),
        BillingPeriod.fromValue(request.period()));
    try {
      plans.insert(plan, SqlTimestamps.now(clock));
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict("PLAN_EXISTS", "A plan with id " + plan.id() + " exists.");
    }
    return ResponseEntity.created(URI.create("/api/plans/" + plan.id())).body(PlanView.of(plan));
  }

  @GetMapping
  @Operation(summary = "List the plans", description = "By id; page counts from 0.")
  @ApiResponse(responseCode = "200", description = "One page of plans")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page or size")
  public PageView<PlanView> list(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return new PageView<>(plans.page((long) page * size, size).stream().map(PlanView::of).toList(), page, size,
        plans.count());
  }

  @GetMapping("/{id}")
  @Operation(summary = "One plan")
  @ApiResponse(responseCode = "200", description = "The plan")
  @ApiResponse(responseCode = "404", description = "PLAN_NOT_FOUND")
  public PlanView get(@PathVariable String id) {
    return plans.find(id).map(PlanView::of)
        .orElseThrow(() -> ApiException.notFound("PLAN_NOT_FOUND", "There is no plan " + id + "."));
  }

  record NewPlan(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
          message = "must be 1 to 64 letters, digits, dots, dashes or underscores") String id,
      @NotBlank @Size(max = 200) String name,
      @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 10, fraction = 2) BigDecimal amount,
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
      @NotBlank @Pattern(regexp = "weekly|monthly|yearly", message = "must be weekly, monthly or yearly")
      String period) {}

  record PlanView(String id, String name, BigDecimal amount, String currency, String period) {

    static PlanView of(Plan plan) {
      return new PlanView(plan.id(), plan.name(), plan.amount(), plan.currency(), plan.period().value());
    }
  }
}
