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
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
@Tag(name = "Products", description = "The catalogue orders are placed from, and its stock")
@SecurityRequirement(name = "bearer")
class ProductController {

  private final ProductStore products;
  private final PaymentRules rules;
  private final Clock clock;

  ProductController(ProductStore products, PaymentRules rules, Clock clock) {
    this.products = products;
    this.rules = rules;
    this.clock = clock;
  }

  @PostMapping
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Add a product (admin)")
  @ApiResponse(responseCode = "201", description = "The product")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or UNSUPPORTED_CURRENCY")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  @ApiResponse(responseCode = "409", description = "PRODUCT_EXISTS")
  public ResponseEntity<ProductView> create(@Valid @RequestBody NewProduct request) {
    if (!rules.acceptsCurrency(request.currency())) {
      throw ApiException.badRequest("UNSUPPORTED_CURRENCY", rules.currencyRule());
    }
    Instant now = SqlTimestamps.now(clock);
    Product product = new Product(request.sku(), request.name().strip(), request.price(), request.currency(),
        request.stock(), now, now);
    try {
      products.insert(product);
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict("PRODUCT_EXISTS", "A product with SKU " + request.sku() + " exists.");
    }
    return ResponseEntity.created(URI.create("/api/products/" + product.sku())).body(ProductView.of(product));
  }

  @GetMapping
  @Operation(summary = "List the catalogue", description = "By SKU; page counts from 0.")
  @ApiResponse(responseCode = "200", description = "One page of products")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page or size")
  public PageView<ProductView> list(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return new PageView<>(products.page((long) page * size, size).stream().map(ProductView::of).toList(),
        page, size, products.count());
  }

  @GetMapping("/{sku}")
  @Operation(summary = "One product, with its stock")
  @ApiResponse(responseCode = "200", description = "The product")
  @ApiResponse(responseCode = "404", description = "PRODUCT_NOT_FOUND")
  public ProductView get(@PathVariable String sku) {
    return ProductView.of(product(sku));
  }

  @PutMapping("/{sku}/stock")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Set a product's stock (admin)",
      description = "The units new orders can reserve; units held for orders in payment are not counted.")
  @ApiResponse(responseCode = "200", description = "The product")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  @ApiResponse(responseCode = "404", description = "PRODUCT_NOT_FOUND")
  public ProductView setStock(@PathVariable String sku, @Valid @RequestBody StockUpdate update) {
    if (!products.setStock(sku, update.stock(), SqlTimestamps.now(clock))) {
      throw notFound(sku);
    }
    return ProductView.of(product(sku));
  }

  private Product product(String sku) {
    return products.find(sku).orElseThrow(() -> notFound(sku));
  }

  private static ApiException notFound(String sku) {
    return ApiException.notFound("PRODUCT_NOT_FOUND", "There is no product with SKU " + sku + ".");
  }

  record NewProduct(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
          message = "must be 1 to 64 letters, digits, dots, dashes or underscores") String sku,
      @NotBlank @Size(max = 200) String name,
      @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal price,
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
      @NotNull @Min(0) Integer stock) {}

  record StockUpdate(@NotNull @Min(0) Integer stock) {}

  record ProductView(String sku, String name, BigDecimal price, String currency, int stock, Instant createdAt,
      Instant updatedAt) {

    static ProductView of(Product product) {
      return new ProductView(product.sku(), product.name(), product.price(), product.currency(), product.stock(),
          product.createdAt(), product.updatedAt());
    }
  }
}
