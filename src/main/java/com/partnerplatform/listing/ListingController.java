package com.partnerplatform.listing;

import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.ApiException;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/listings")
@Tag(name = "Listings", description = "Property listings: drafts, review by a human (workflow listing-approval-{id}), "
    + "life until expiry with reminders and renewal (workflow listing-expiration-{id})")
@SecurityRequirement(name = "bearer")
class ListingController {

  private static final String NOT_FOUND = "LISTING_NOT_FOUND, also for a listing the caller may not see";

  private final ListingService service;

  ListingController(ListingService service) {
    this.service = service;
  }

  @PostMapping
  @PreAuthorize("hasRole('PARTNER')")
  @Operation(summary = "Create a draft listing (PARTNER)", description = "Only the shape is checked here; the "
      + "seed's rules are checked when the draft is submitted.")
  @ApiResponse(responseCode = "201", description = "The draft")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or INVALID_EXPIRY")
  public ResponseEntity<ListingView> create(Authentication authentication, @Valid @RequestBody ListingChange draft) {
    Listing listing = service.create(Caller.of(authentication), draft.toContent(), draft.expiresAt());
    return ResponseEntity.created(URI.create("/api/listings/" + listing.id())).body(ListingView.of(listing));
  }

  @PatchMapping("/{id}")
  @Operation(summary = "Change a draft (its owner)", description = "Only in draft, rejected or validation_failed "
      + "and not under review. Fields left out keep their value.")
  @ApiResponse(responseCode = "200", description = "The listing after the change")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or INVALID_EXPIRY")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_EDITABLE")
  public ListingView update(Authentication authentication, @PathVariable UUID id,
      @Valid @RequestBody ListingChange change) {
    return ListingView.of(service.update(Caller.of(authentication), id, change));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One listing (its owner, reviewers, admins)", description = "Status, quality score and "
      + "findings, validation errors, review comment, decision deadline, expiry; while under review also the "
      + "approval workflow's progress (getStatus).")
  @ApiResponse(responseCode = "200", description = "The listing")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  public ListingView get(Authentication authentication, @PathVariable UUID id) {
    return ListingView.of(service.get(Caller.of(authentication), id));
  }

  @GetMapping
  @Operation(summary = "List listings, newest first", description = "The caller's own listings; reviewers and "
      + "admins see everyone's unless mine=true. Page counts from 0.")
  @ApiResponse(responseCode = "200", description = "One page of listings")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page, size or status")
  public PageView<ListingView> list(Authentication authentication,
      @RequestParam(defaultValue = "false") boolean mine,
      @Parameter(description = "draft, pending_review, approved, rejected, expired, validation_failed or error")
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    Caller caller = Caller.of(authentication);
    ListingStatus wanted = status == null ? null : status(status);
    return new PageView<>(service.page(caller, mine, wanted, page, size).stream().map(ListingView::of).toList(),
        page, size, service.count(caller, mine, wanted));
  }

  @PostMapping("/{id}/submit")
  @Operation(summary = "Submit for review (its owner)", description = "Freezes the content and starts the workflow "
      + "listing-approval-{id}: validation (failures: validation_failed with every reason, and an e-mail), the "
      + "automated quality score, then pending_review and every reviewer notified. Reviewers decide within 48 h; "
      + "after that a score of 0.8 or more approves, anything less rejects.")
  @ApiResponse(responseCode = "202", description = "The listing, now under review")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_EDITABLE or REVIEW_STILL_CLOSING")
  public ResponseEntity<ListingView> submit(Authentication authentication, @PathVariable UUID id) {
    return ResponseEntity.accepted().body(ListingView.of(service.submit(Caller.of(authentication), id)));
  }

  @PostMapping("/{id}/approve")
  @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
  @Operation(summary = "Approve a pending listing (REVIEWER, ADMIN)", description = "An update of the approval "
      + "workflow: answers once the listing is approved and searchable; its expiration workflow runs from then on.")
  @ApiResponse(responseCode = "200", description = "The listing, approved")
  @ApiResponse(responseCode = "403", description = "OWN_LISTING: reviewers do not decide on their own listings")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_PENDING_REVIEW")
  public ListingView approve(Authentication authentication, @PathVariable UUID id,
      @Valid @RequestBody(required = false) Approval approval) {
    return ListingView.of(service.approve(Caller.of(authentication), id, approval == null ? null : approval.comment()));
  }

  @PostMapping("/{id}/reject")
  @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
  @Operation(summary = "Reject a pending listing with a comment (REVIEWER, ADMIN)", description = "The partner "
      + "gets the comment by e-mail and may change the listing and submit it again.")
  @ApiResponse(responseCode = "200", description = "The listing, rejected")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: the comment is required")
  @ApiResponse(responseCode = "403", description = "OWN_LISTING: reviewers do not decide on their own listings")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_PENDING_REVIEW")
  public ListingView reject(Authentication authentication, @PathVariable UUID id,
      @Valid @RequestBody Rejection rejection) {
    return ListingView.of(service.reject(Caller.of(authentication), id, rejection.comment()));
  }

  @PostMapping("/{id}/withdraw")
  @Operation(summary = "Withdraw a listing from review (its owner)", description = "Ends the running review; the "
      + "listing is a draft again.")
  @ApiResponse(responseCode = "200", description = "The listing, a draft again")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_PENDING_REVIEW")
  public ListingView withdraw(Authentication authentication, @PathVariable UUID id) {
    return ListingView.of(service.withdraw(Caller.of(authentication), id));
  }

  @PostMapping("/{id}/renew")
  @Operation(summary = "Extend a live listing (its owner)", description = "Moves the expiry the given number of days "
      + "later (an update of listing-expiration-{id}); the 7- and 1-day reminders follow the new expiry.")
  @ApiResponse(responseCode = "200", description = "The listing with its new expiry")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or INVALID_RENEWAL (days out of range)")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_LIVE")
  public ListingView renew(Authentication authentication, @PathVariable UUID id,
      @Valid @RequestBody Renewal renewal) {
    return ListingView.of(service.renew(Caller.of(authentication), id, renewal.days()));
  }

  @PostMapping("/{id}/unpublish")
  @Operation(summary = "Take a live listing down now (its owner)", description = "It leaves search and its status "
      + "becomes expired.")
  @ApiResponse(responseCode = "200", description = "The listing, expired")
  @ApiResponse(responseCode = "404", description = NOT_FOUND)
  @ApiResponse(responseCode = "409", description = "LISTING_NOT_LIVE")
  public ListingView unpublish(Authentication authentication, @PathVariable UUID id) {
    return ListingView.of(service.unpublish(Caller.of(authentication), id));
  }

  private static ListingStatus status(String value) {
    return Arrays.stream(ListingStatus.values())
        .filter(status -> status.value().equals(value))
        .findFirst()
        .orElseThrow(() -> ApiException.badRequest("VALIDATION_FAILED", "status must be one of "
            + Arrays.stream(ListingStatus.values()).map(ListingStatus::value).toList() + "."));
  }

  record Approval(@Size(max = 2000) String comment) {}

  record Rejection(@NotBlank @Size(max = 2000) String comment) {}

  record Renewal(@NotNull @Min(1) Integer days) {}
}
