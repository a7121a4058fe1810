package com.partnerplatform.listing;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.temporal.BoundedQueries;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.temporal.UpdateRefusals;
import com.partnerplatform.platform.web.ApiException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Writes drafts, submits them for review, and passes decisions, withdrawals, renewals and
 * unpublishing on to the listing's workflows as updates; their validators decide what the
 * listing's state allows. The listings table has the content and the last recorded status.
 */
@Service
class ListingService {

  private static final Logger log = LoggerFactory.getLogger(ListingService.class);
  /** The update failures the API answers with a problem of their own. */
  private static final Set<String> ANSWERED = Stream.concat(ListingErrors.REFUSALS.stream(),
      Stream.of(ListingErrors.RENEWAL_FAILED)).collect(Collectors.toUnmodifiableSet());

  private final ListingStore listings;
  private final WorkflowClient client;
  private final BoundedQueries queries;
  private final ListingProperties terms;
  private final TemporalSettings temporal;
  private final Clock clock;

  ListingService(ListingStore listings, WorkflowClient client, BoundedQueries queries, ListingProperties terms,
      TemporalSettings temporal, Clock clock) {
    this.listings = listings;
    this.client = client;
    this.queries = queries;
    this.terms = terms;
    this.temporal = temporal;
    this.clock = clock;
  }

  Listing create(Caller caller, ListingContent content, Instant requestedExpiresAt) {
    Instant now = SqlTimestamps.now(clock);
    requireFuture(requestedExpiresAt, now);
    Listing listing = new Listing(UUID.randomUUID(), caller.userId(), content, ListingStatus.DRAFT, false, null,
        null, null, null, null, requestedExpiresAt, null, null, null, null, null, now, now);
    listings.insert(listing);
    return listing;
  }

  /** Replaces the draft's content with {@code change} applied; only while it may be edited. */
  Listing update(Caller caller, UUID id, ListingChange change) {
    Listing listing = owned(caller, id);
    Instant now = SqlTimestamps.now(clock);
    Instant requestedExpiresAt = change.expiresAt() != null ? change.expiresAt() : listing.requestedExpiresAt();
    if (change.expiresAt() != null) {
      requireFuture(requestedExpiresAt, now);
    }
    if (!listings.replaceContent(id, change.applyTo(listing.content()), requestedExpiresAt, now)) {
      throw notEditable(find(id));
    }
    return find(id);
  }

  /** The listing with its review's progress while one runs; its owner, reviewers and admins see it. */
  Found get(Caller caller, UUID id) {
    Listing listing = visible(caller, id);
    return new Found(listing, listing.inReview() ? progress(listing) : Optional.empty());
  }

  List<Listing> page(Caller caller, boolean mine, ListingStatus status, int page, int size) {
    return listings.page(owner(caller, mine), status, page, size);
  }

  long count(Caller caller, boolean mine, ListingStatus status) {
    return listings.count(owner(caller, mine), status);
  }

  List<Listing> pendingReview(int page, int size) {
    return listings.pendingReview(page, size);
  }

  long countPendingReview() {
    return listings.countPendingReview();
  }

  /** Freezes the content and starts its review, {@code listing-approval-{id}}. */
  Listing submit(Caller caller, UUID id) {
    Listing listing = owned(caller, id);
    Instant now = SqlTimestamps.now(clock);
    if (!listings.beginReview(id, now)) {
      throw notEditable(find(id));
    }
    ListingApprovalWorkflow workflow = client.newWorkflowStub(ListingApprovalWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(listing.approvalWorkflowId())
            .setTaskQueue(temporal.taskQueue(DomainQueue.LISTINGS))
            .build());
    try {
      WorkflowClient.start(workflow::run,
          ApprovalRequest.of(id, listing.ownerId(), terms, temporal.taskQueue(DomainQueue.USERS)));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // The previous review still sends its last notifications.
      listings.abandonReview(id, now);
      throw ApiException.conflict("REVIEW_STILL_CLOSING",
          "The previous review of this listing is still finishing; submit again in a moment.");
    } catch (RuntimeException e) {
      listings.abandonReview(id, now);
      throw e;
    }
    return find(id);
  }

  Listing approve(Caller caller, UUID id, String comment) {
    Listing listing = decidable(caller, id);
    return review(listing, () -> approvalOf(listing).approve(new ReviewDecision(caller.userId(), comment)));
  }

  Listing reject(Caller caller, UUID id, String comment) {
    Listing listing = decidable(caller, id);
    return review(listing, () -> approvalOf(listing).reject(new ReviewDecision(caller.userId(), comment)));
  }

  Listing withdraw(Caller caller, UUID id) {
    Listing listing = owned(caller, id);
    if (!listing.inReview()) {
      throw notPending(listing);
    }
    return review(listing, () -> approvalOf(listing).withdraw(caller.userId()));
  }

  Listing renew(Caller caller, UUID id, int days) {
    if (days < 1 || days > terms.maxRenewalDays()) {
      throw ApiException.badRequest(ListingErrors.INVALID_RENEWAL,
          "days must be between 1 and " + terms.maxRenewalDays() + ".");
    }
    Listing listing = live(owned(caller, id));
    return change(listing, () -> expirationOf(listing).renew(days), ListingService::notLive);
  }

  Listing unpublish(Caller caller, UUID id) {
    Listing listing = live(owned(caller, id));
    return change(listing, () -> expirationOf(listing).unpublish(), ListingService::notLive);
  }

  private Listing review(Listing listing, Supplier<ApprovalProgress> update) {
    return change(listing, update, ListingService::notPending);
  }

  /**
   * Sends an update to one of the listing's workflows and answers with the listing as recorded
   * afterwards. A validator's refusal becomes its problem; a workflow that has ended meanwhile
   * means the listing's state no longer allows the change.
   */
  private Listing change(Listing listing, Supplier<?> update, Function<Listing, ApiException> ended) {
    try {
      update.get();
    } catch (WorkflowUpdateException e) {
      ApplicationFailure refusal = UpdateRefusals.refusalIn(e, ANSWERED).orElseThrow(() -> e);
      throw new ApiException(statusOf(refusal.getType()), refusal.getType(), refusal.getOriginalMessage());
    } catch (WorkflowNotFoundException e) {
      throw ended.apply(find(listing.id()));
    }
    return find(listing.id());
  }

  private Optional<ApprovalProgress> progress(Listing listing) {
    try {
      return Optional.of(queries.query(approvalOf(listing)::getStatus));
    } catch (WorkflowException e) {
      log.debug("No progress from {}: {}", listing.approvalWorkflowId(), e.getMessage());
      return Optional.empty();
    }
  }

  private ListingApprovalWorkflow approvalOf(Listing listing) {
    return client.newWorkflowStub(ListingApprovalWorkflow.class, listing.approvalWorkflowId());
  }

  private ListingExpirationWorkflow expirationOf(Listing listing) {
    return client.newWorkflowStub(ListingExpirationWorkflow.class, listing.expirationWorkflowId());
  }

  /** A listing reviewers may decide on: pending, and not their own. */
  private Listing decidable(Caller caller, UUID id) {
    Listing listing = find(id);
    if (listing.ownerId().equals(caller.userId())) {
      throw new ApiException(HttpStatus.FORBIDDEN, ListingErrors.OWN_LISTING,
          "You cannot review your own listing.");
    }
    if (!listing.inReview()) {
      throw notPending(listing);
    }
    return listing;
  }

  private static Listing live(Listing listing) {
    if (listing.status() != ListingStatus.APPROVED) {
      throw notLive(listing);
    }
    return listing;
  }

  /** Its owner's listing; others (admins included: they do not write partners' drafts) learn nothing. */
  private Listing owned(Caller caller, UUID id) {
    Listing listing = find(id);
    if (!listing.ownerId().equals(caller.userId())) {
      throw notFound(id);
    }
    return listing;
  }

  private Listing visible(Caller caller, UUID id) {
    Listing listing = find(id);
    if (!listing.ownerId().equals(caller.userId()) && !reviews(caller)) {
      throw notFound(id);
    }
    return listing;
  }

  /** Whose listings a list shows: the caller's own, or everyone's for reviewers and admins. */
  private static UUID owner(Caller caller, boolean mine) {
    return mine || !reviews(caller) ? caller.userId() : null;
  }

  private static boolean reviews(Caller caller) {
    return caller.has("REVIEWER") || caller.admin();
  }

  private Listing find(UUID id) {
    return listings.find(id).orElseThrow(() -> notFound(id));
  }

  private static void requireFuture(Instant expiresAt, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw ApiException.badRequest("INVALID_EXPIRY", "expiresAt must be in the future.");
    }
  }

  private static HttpStatus statusOf(String code) {
    return switch (code) {
      case ListingErrors.OWN_LISTING, ListingErrors.NOT_OWNER -> HttpStatus.FORBIDDEN;
      case ListingErrors.RENEWAL_FAILED -> HttpStatus.SERVICE_UNAVAILABLE;
      case ListingErrors.COMMENT_REQUIRED, ListingErrors.INVALID_RENEWAL -> HttpStatus.BAD_REQUEST;
      default -> HttpStatus.CONFLICT;
    };
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound(ListingErrors.NOT_FOUND, "There is no listing " + id + ".");
  }

  private static ApiException notEditable(Listing listing) {
    return ApiException.conflict("LISTING_NOT_EDITABLE", listing.inReview()
        ? "The listing is under review; withdraw it to change it."
        : "A listing that is " + listing.status().value() + " cannot be changed or submitted.");
  }

  private static ApiException notPending(Listing listing) {
    return ApiException.conflict(ListingErrors.NOT_PENDING,
        "The listing is " + listing.status().value() + ", not pending review.");
  }

  private static ApiException notLive(Listing listing) {
    return ApiException.conflict(ListingErrors.NOT_LIVE,
        "The listing is " + listing.status().value() + ", not live.");
  }

  /** A listing with its review's progress, present while the review runs and answers. */
  record Found(Listing listing, Optional<ApprovalProgress> approval) {}
}
