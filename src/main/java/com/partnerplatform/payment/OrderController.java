package com.partnerplatform.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "Orders and their payment saga: pay, another payment method, cancel, refund")
@SecurityRequirement(name = "bearer")
class OrderController {

  private final OrderService orderService;
  private final PaymentService paymentService;
  private final PaymentLedger ledger;

  OrderController(OrderService orderService, PaymentService paymentService, PaymentLedger ledger) {
    this.orderService = orderService;
    this.paymentService = paymentService;
    this.ledger = ledger;
  }

  @PostMapping
  @Operation(summary = "Place an order", description = "At the catalogue's current prices; stock is reserved "
      + "when the order is paid. Lines of the same SKU are added up.")
  @ApiResponse(responseCode = "201", description = "The pending order")
  @ApiResponse(responseCode = "400",
      description = "VALIDATION_FAILED, UNSUPPORTED_CURRENCY, UNKNOWN_PRODUCT or CURRENCY_MISMATCH")
  public ResponseEntity<OrderView> create(Authentication authentication, @Valid @RequestBody NewOrder request) {
    Order order = orderService.create(Caller.of(authentication).userId(),
        request.items().stream().map(line -> new OrderService.OrderLine(line.sku(), line.quantity())).toList(),
        request.currency());
    return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(OrderView.of(order));
  }

  @GetMapping
  @Operation(summary = "List orders", description = "The caller's own orders, newest first; admins see every "
      + "order. Page counts from 0. Payment progress and ledger entries are in the single order's view.")
  @ApiResponse(responseCode = "200", description = "One page of orders")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page or size")
  public PageView<OrderView> list(Authentication authentication,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    OrderService.OrderPage result = orderService.list(Caller.of(authentication), page, size);
    return new PageView<>(result.orders().stream().map(OrderView::of).toList(), result.page(), result.size(),
        result.total());
  }

  @GetMapping("/{id}")
  @Operation(summary = "One order (its buyer or an admin)", description = "With the payment saga's progress "
      + "while it runs (step, attempts, last error) and the order's ledger entries.")
  @ApiResponse(responseCode = "200", description = "The order")
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND, also for another user's order")
  public OrderView get(Authentication authentication, @PathVariable UUID id) {
    Order order = orderService.visible(Caller.of(authentication), id);
    return OrderView.of(order).withPayment(paymentService.progress(order).orElse(null),
        ledger.forOrder(id).stream().map(LedgerView::of).toList());
  }

  @PostMapping("/{id}/pay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Pay an order", description = "Starts the payment saga payment-{id}. Asking again returns "
      + "the same execution: with the Idempotency-Key of the request that started it at any time, otherwise "
      + "while the order is pending.")
  @ApiResponse(responseCode = "202", description = "The saga's workflow id and the order's status")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNSUPPORTED_PAYMENT_METHOD")
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND, also for another user's order")
  @ApiResponse(responseCode = "409", description = "ORDER_NOT_PENDING")
  public PaymentService.Execution pay(Authentication authentication, @PathVariable UUID id,
      @Parameter(description = "Makes a repeated request return the first one's execution")
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Size(min = 1, max = 255) @Pattern(regexp = "\\S+", message = "must not contain spaces") String idempotencyKey,
      @Valid @RequestBody PaymentMethodRequest request) {
    return paymentService.pay(Caller.of(authentication), id, request.paymentMethod(), idempotencyKey);
  }

  @PostMapping("/{id}/payment-method")
  @Operation(summary = "Another payment method after a decline",
      description = "An update of the saga (replacePaymentMethod), which charges the method with its own "
          + "idempotency key. Answers once the saga took it on; refused while the saga does not wait for a "
          + "method, including after the reservation ran out.")
  @ApiResponse(responseCode = "200", description = "Taken: the saga's status (validating, charging, ...)")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNSUPPORTED_PAYMENT_METHOD")
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND, also for another user's order")
  @ApiResponse(responseCode = "409", description = "PAYMENT_NOT_AWAITING_METHOD; nothing changed")
  public PaymentService.MethodTaken replacePaymentMethod(Authentication authentication, @PathVariable UUID id,
      @Valid @RequestBody PaymentMethodRequest request) {
    return paymentService.replacePaymentMethod(Caller.of(authentication), id, request.paymentMethod());
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel an unpaid order (its buyer or an admin)", description = "Without a payment the "
      + "order is cancelled at once (200). Otherwise the saga is cancelled and undoes what it did: refund, "
      + "stock, order cancelled, e-mail (202 cancelling).")
  @ApiResponse(responseCode = "200", description = "Cancelled")
  @ApiResponse(responseCode = "202", description = "Cancelling")
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND, also for another user's order")
  @ApiResponse(responseCode = "409", description = "ORDER_ALREADY_PAID or ORDER_NOT_CANCELLABLE")
  public ResponseEntity<PaymentService.Execution> cancel(Authentication authentication, @PathVariable UUID id) {
    PaymentService.Execution execution = paymentService.cancel(Caller.of(authentication), id);
    return ResponseEntity
        .status(OrderStatus.CANCELLED.value().equals(execution.status()) ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(execution);
  }

  @PostMapping("/{id}/refund")
  @PreAuthorize("hasRole('ADMIN')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Refund a paid order (admin)",
      description = "Starts refund-{id}: the money back through the gateway, the units back in stock.")
  @ApiResponse(responseCode = "202", description = "The refund's workflow id")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
  @ApiResponse(responseCode = "409", description = "ORDER_NOT_PAID")
  public PaymentService.Execution refund(@PathVariable UUID id) {
    return paymentService.refund(id);
  }

  record NewOrder(
      @NotEmpty @Size(max = 100) List<@Valid @NotNull OrderLineRequest> items,
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency) {}

  record OrderLineRequest(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {}

  record PaymentMethodRequest(@Valid @NotNull PaymentMethod paymentMethod) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OrderView(UUID id, UUID userId, String status, BigDecimal amount, String currency, List<ItemView> items,
      String transactionId, FailureView failure, String paymentWorkflowId, PaymentStatus payment,
      List<LedgerView> ledger, Instant createdAt, Instant updatedAt) {

    static OrderView of(Order order) {
      return new OrderView(order.id(), order.userId(), order.status().value(), order.amount(), order.currency(),
          order.items().stream().map(item -> new ItemView(item.sku(), item.quantity(), item.unitPrice())).toList(),
          order.transactionId(),
          order.failureCode() == null ? null : new FailureView(order.failureCode(), order.failureMessage()),
          order.paymentWorkflowId(), null, null, order.createdAt(), order.updatedAt());
    }

    OrderView withPayment(PaymentStatus payment, List<LedgerView> ledger) {
      return new OrderView(id, userId, status, amount, currency, items, transactionId, failure, paymentWorkflowId,
          payment, ledger, createdAt, updatedAt);
    }
  }

  record ItemView(String sku, int quantity, BigDecimal unitPrice) {}

  record FailureView(String code, String message) {}

  record LedgerView(String kind, BigDecimal amount, String currency, String gateway, String gatewayReference,
      String idempotencyKey, String paymentMethod, Instant createdAt) {

    static LedgerView of(LedgerEntry entry) {
      return new LedgerView(entry.kind(), entry.amount(), entry.currency(), entry.gateway(),
          entry.gatewayReference(), entry.idempotencyKey(), entry.paymentMethod(), entry.createdAt());
    }
  }
}
