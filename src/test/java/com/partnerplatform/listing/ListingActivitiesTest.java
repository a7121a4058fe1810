package com.partnerplatform.listing;

import static com.partnerplatform.listing.TestContent.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.listing.ListingRules.QualityReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The listing activities against the database (H2, or PostgreSQL with PLATFORM_IT_DATABASE_URL):
 * each status change happens once, a repeated call answers as the first did, and a step the
 * listing's status cannot follow fails for good.
 */
class ListingActivitiesTest {

  private static final UUID REVIEWER = UUID.randomUUID();

  private final ListingTestDatabase db = new ListingTestDatabase();
  private final InMemorySearch search = new InMemorySearch();
  private final ListingActivities activities = new ListingActivitiesImpl(db.listings, search,
      role -> role.equals("REVIEWER") ? List.of(REVIEWER) : List.of(),
      new ListingMetrics(new SimpleMeterRegistry(), db.listings, Clock.systemUTC()), Clock.systemUTC());
  private final Instant inThirtyDays = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS);

  @Test
  void validatesAndScoresTheStoredContent() {
    UUID broken = db.submitted(content().title("Short").images(List.of()).build(), null);
    UUID fine = db.submitted(content().images(TestContent.images(1)).build(), null);

    assertThat(activities.validate(broken))
        .containsExactly("Title must be at least 10 characters long", "At least one image is required");
    assertThat(activities.validate(fine)).isEmpty();
    QualityReport report = activities.score(fine);
    assertThat(report.score()).isEqualByComparingTo("0.90");
    assertThat(report.issues()).containsExactly("Less than 5 images provided (recommended: 5-10)");
  }

  @Test
  void aValidationFailureIsRecordedOnceWithEveryError() {
    UUID id = db.submitted(content().build(), null);
    List<String> errors = List.of("Title must be at least 10 characters long", "Price must be greater than 0");

    activities.markValidationFailed(id, errors);
    activities.markValidationFailed(id, errors);

    Listing listing = db.find(id);
    assertThat(listing.status()).isEqualTo(ListingStatus.VALIDATION_FAILED);
    assertThat(listing.inReview()).isFalse();
    assertThat(listing.validationErrors()).isEqualTo(errors);
  }

  @Test
  void pendingReviewKeepsTheScoreIssuesAndDeadline() {
    UUID id = db.submitted(content().build(), null);
    QualityReport report = new QualityReport(new BigDecimal("0.60"), List.of("a", "b"), true);

    activities.markPendingReview(id, report, inThirtyDays);

    Listing listing = db.find(id);
    assertThat(listing.status()).isEqualTo(ListingStatus.PENDING_REVIEW);
    assertThat(listing.inReview()).isTrue();
    assertThat(listing.qualityScore()).isEqualByComparingTo("0.60");
    assertThat(listing.qualityIssues()).containsExactly("a", "b");
    assertThat(listing.decisionDeadline()).isEqualTo(inThirtyDays);
  }

  @Test
  void anApprovalRepeatedAnswersWithTheExpiryOfTheFirst() {
    UUID id = pendingReview();

    Instant first = activities.approve(id, "Looks good", REVIEWER, inThirtyDays);
    Instant again = activities.approve(id, "Looks good", REVIEWER, inThirtyDays.plus(Duration.ofMinutes(5)));

    assertThat(first).isEqualTo(inThirtyDays);
    assertThat(again).isEqualTo(first);
    Listing listing = db.find(id);
    assertThat(listing.status()).isEqualTo(ListingStatus.APPROVED);
    assertThat(listing.inReview()).isFalse();
    assertThat(listing.expiresAt()).isEqualTo(first);
    assertThat(listing.reviewComment()).isEqualTo("Looks good");
    assertThat(listing.reviewedBy()).isEqualTo(REVIEWER);
    assertThat(listing.publishedAt()).isNotNull();
  }

  @Test
  void anApprovalHonoursTheExpiryTheListingAskedForWhileItIsInTheFuture() {
    Instant requested = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MICROS);
    UUID asked = pendingReview(requested);
    UUID askedTooLate = pendingReview(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS));

    assertThat(activities.approve(asked, null, null, inThirtyDays)).isEqualTo(requested);
    assertThat(activities.approve(askedTooLate, null, null, inThirtyDays)).isEqualTo(inThirtyDays);
    assertThat(db.find(asked).expiresAt()).isEqualTo(requested);
    assertThat(db.find(asked).reviewedBy()).isNull();
  }

  @Test
  void aRejectionOrWithdrawalRepeatedChangesNothingTwice() {
    UUID rejected = pendingReview();
    UUID withdrawn = pendingReview();

    activities.reject(rejected, "Blurry photos", REVIEWER);
    activities.reject(rejected, "Blurry photos", REVIEWER);
    activities.withdraw(withdrawn);
    activities.withdraw(withdrawn);

    assertThat(db.find(rejected).status()).isEqualTo(ListingStatus.REJECTED);
    assertThat(db.find(rejected).reviewComment()).isEqualTo("Blurry photos");
    assertThat(db.find(withdrawn).status()).isEqualTo(ListingStatus.DRAFT);
    assertThat(db.find(withdrawn).inReview()).isFalse();
  }

  @Test
  void aDecisionOnAListingDecidedOtherwiseIsANonRetryableConflict() {
    UUID approved = pendingReview();
    activities.approve(approved, null, REVIEWER, inThirtyDays);

    assertConflict(() -> activities.reject(approved, "No", REVIEWER));
    assertConflict(() -> activities.withdraw(approved));
    assertConflict(() -> activities.markValidationFailed(approved, List.of("x")));
    assertConflict(() -> activities.markPendingReview(approved, ListingRules.score(content().build()), inThirtyDays));
    UUID rejected = pendingReview();
    activities.reject(rejected, "No", REVIEWER);
    assertConflict(() -> activities.approve(rejected, null, REVIEWER, inThirtyDays));
    assertThat(db.find(approved).status()).isEqualTo(ListingStatus.APPROVED);
    assertThat(db.find(rejected).status()).isEqualTo(ListingStatus.REJECTED);
  }

  @Test
  void anErrorEndsAReviewButLeavesADecidedListingAlone() {
    UUID inReview = pendingReview();
    UUID approved = pendingReview();
    activities.approve(approved, null, REVIEWER, inThirtyDays);

    activities.markError(inReview, "boom");
    activities.markError(approved, "boom");

    assertThat(db.find(inReview).status()).isEqualTo(ListingStatus.ERROR);
    assertThat(db.find(inReview).inReview()).isFalse();
    assertThat(db.find(approved).status()).isEqualTo(ListingStatus.APPROVED);
  }

  @Test
  void onlyALiveListingIsPublishedAndEngineFailuresPropagate() {
    UUID approved = pendingReview();
    UUID rejected = pendingReview();
    activities.approve(approved, null, REVIEWER, inThirtyDays);
    activities.reject(rejected, "No", REVIEWER);

    search.failNext(1);
    assertThat(catchThrowableOfType(IllegalStateException.class, () -> activities.publish(approved)))
        .hasMessage("search engine unavailable");
    assertThat(activities.publish(approved)).isTrue();
    assertThat(activities.publish(rejected)).isFalse();

    assertThat(search.published).containsOnlyKeys(approved);
    assertThat(search.published.get(approved).content().title()).isEqualTo("Sunny flat by the park");
    activities.removeFromSearch(approved);
    activities.removeFromSearch(approved);
    assertThat(search.published).isEmpty();
  }

  @Test
  void aLiveListingsExpiryMovesAndItExpiresOnce() {
    UUID id = pendingReview();
    activities.approve(id, null, REVIEWER, inThirtyDays);
    Instant renewed = inThirtyDays.plus(Duration.ofDays(7));

    activities.setExpiry(id, renewed);
    assertThat(db.find(id).expiresAt()).isEqualTo(renewed);
    activities.expire(id, renewed);
    activities.expire(id, renewed);

    Listing expired = db.find(id);
    assertThat(expired.status()).isEqualTo(ListingStatus.EXPIRED);
    assertThat(expired.expiresAt()).isEqualTo(renewed);
    assertConflict(() -> activities.setExpiry(id, renewed.plus(Duration.ofDays(1))));
    assertThat(activities.publish(id)).isFalse();
  }

  @Test
  void aMissingListingIsANonRetryableNotFound() {
    UUID missing = UUID.randomUUID();

    for (Executable call : List.<Executable>of(() -> activities.validate(missing),
        () -> activities.approve(missing, null, REVIEWER, inThirtyDays), () -> activities.publish(missing),
        () -> activities.expire(missing, inThirtyDays), () -> activities.reject(missing, "x", REVIEWER))) {
      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call::execute);
      assertThat(failure.getType()).isEqualTo(ListingErrors.NOT_FOUND);
      assertThat(failure.isNonRetryable()).isTrue();
    }
  }

  @Test
  void reviewersAreTheUsersWithTheReviewerRole() {
    assertThat(activities.reviewers()).containsExactly(REVIEWER);
  }

  private UUID pendingReview() {
    return pendingReview(null);
  }

  private UUID pendingReview(Instant requestedExpiresAt) {
    UUID id = db.submitted(content().build(), requestedExpiresAt);
    activities.markPendingReview(id, ListingRules.score(content().build()), inThirtyDays);
    return id;
  }

  private static void assertConflict(Executable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call::execute);
    assertThat(failure).as("a conflict").isNotNull();
    assertThat(failure.getType()).isEqualTo(ListingErrors.STATE_CONFLICT);
    assertThat(failure.isNonRetryable()).isTrue();
  }
}
