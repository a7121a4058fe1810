package com.partnerplatform.listing;

import com.partnerplatform.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reviews")
@Tag(name = "Reviews", description = "The review queue: listings waiting for a reviewer's decision")
@SecurityRequirement(name = "bearer")
class ReviewController {

  private final ListingService service;

  ReviewController(ListingService service) {
    this.service = service;
  }

  @GetMapping("/pending")
  @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
  @Operation(summary = "Listings pending review, the longest waiting first (REVIEWER, ADMIN)", description = "With "
      + "the automated quality score, when each was submitted and the decision deadline, after which the score "
      + "decides. Decide with POST /api/listings/{id}/approve or /reject.")
  @ApiResponse(responseCode = "200", description = "One page of pending listings")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page or size")
  public PageView<PendingReview> pending(@RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return new PageView<>(service.pendingReview(page, size).stream().map(PendingReview::of).toList(), page, size,
        service.countPendingReview());
  }

  record PendingReview(UUID id, UUID ownerId, String title, String city, BigDecimal price, String currency,
      BigDecimal qualityScore, List<String> qualityIssues, Instant submittedAt, Instant decisionDeadline) {

    static PendingReview of(Listing listing) {
      ListingContent content = listing.content();
      return new PendingReview(listing.id(), listing.ownerId(), content.title(), content.location().city(),
          content.price(), content.currency(), listing.qualityScore(), listing.qualityIssues(), listing.submittedAt(),
          listing.decisionDeadline());
    }
  }
}
