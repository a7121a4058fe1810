package com.partnerplatform.listing;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL for the {@code listings} and {@code listing_images} tables. Every status change names the
 * statuses it moves from, so a late or repeated call (an activity retried) changes nothing twice.
 */
@Repository
class ListingStore {

  private static final String COLUMNS = "id, owner_id, title, description, price, currency, property_type, "
      + "address, city, state, country, postal_code, lat, lng, bedrooms, bathrooms, area, status, in_review, "
      + "quality_score, quality_issues, validation_errors, review_comment, reviewed_by, requested_expires_at, "
      + "submitted_at, decision_deadline, reviewed_at, published_at, expires_at, created_at, updated_at";
  private static final String EDITABLE = "('draft', 'rejected', 'validation_failed')";

  private final JdbcClient jdbc;

  ListingStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  void insert(Listing listing) {
    ListingContent content = listing.content();
    jdbc.sql("insert into listings (" + COLUMNS + ") values (:id, :ownerId, :title, :description, :price, "
            + ":currency, :propertyType, :address, :city, :state, :country, :postalCode, :lat, :lng, :bedrooms, "
            + ":bathrooms, :area, :status, false, null, null, null, null, null, :requestedExpiresAt, null, null, "
            + "null, null, null, :createdAt, :createdAt)")
        .param("id", listing.id())
        .param("ownerId", listing.ownerId())
        .params(contentParams(content))
        .param("status", listing.status().value())
        .param("requestedExpiresAt", SqlTimestamps.of(listing.requestedExpiresAt()))
        .param("createdAt", SqlTimestamps.of(listing.createdAt()))
        .update();
    insertImages(listing.id(), content.images());
  }

  Optional<Listing> find(UUID id) {
    return withImages(jdbc.sql("select " + COLUMNS + " from listings where id = :id")
        .param("id", id)
        .query(ListingStore::listing)
        .list()).stream().findFirst();
  }

  /**
   * Replaces the content of a listing its owner may edit: not under review, and in an editable
   * status.
   *
   * @return whether it was replaced
   */
  @Transactional
  boolean replaceContent(UUID id, ListingContent content, Instant requestedExpiresAt, Instant now) {
    int updated = jdbc.sql("update listings set title = :title, description = :description, price = :price, "
            + "currency = :currency, property_type = :propertyType, address = :address, city = :city, "
            + "state = :state, country = :country, postal_code = :postalCode, lat = :lat, lng = :lng, "
            + "bedrooms = :bedrooms, bathrooms = :bathrooms, area = :area, "
            + "requested_expires_at = :requestedExpiresAt, updated_at = :now "
            + "where id = :id and not in_review and status in " + EDITABLE)
        .param("id", id)
        .params(contentParams(content))
        .param("requestedExpiresAt", SqlTimestamps.of(requestedExpiresAt))
        .param("now", SqlTimestamps.of(now))
        .update();
    if (updated == 1) {
      jdbc.sql("delete from listing_images where listing_id = :id").param("id", id).update();
      insertImages(id, content.images());
    }
    return updated == 1;
  }

  /** A page of listings, newest first; null owner or status means any. */
  List<Listing> page(UUID ownerId, ListingStatus status, int page, int size) {
    return withImages(jdbc.sql("select " + COLUMNS + " from listings "
            + "where (cast(:ownerId as uuid) is null or owner_id = :ownerId) "
            + "and (cast(:status as varchar) is null or status = :status) "
            + "order by created_at desc, id limit :size offset :offset")
        .param("ownerId", ownerId)
        .param("status", status == null ? null : status.value())
        .param("size", size)
        .param("offset", (long) page * size)
        .query(ListingStore::listing)
        .list());
  }

  long count(UUID ownerId, ListingStatus status) {
    return jdbc.sql("select count(*) from listings "
            + "where (cast(:ownerId as uuid) is null or owner_id = :ownerId) "
            + "and (cast(:status as varchar) is null or status = :status)")
        .param("ownerId", ownerId)
        .param("status", status == null ? null : status.value())
        .query(Long.class)
        .single();
  }

  /** Listings waiting for a reviewer, the longest waiting first. */
  List<Listing> pendingReview(int page, int size) {
    return withImages(jdbc.sql("select " + COLUMNS + " from listings where status = 'pending_review' and in_review "
            + "order by submitted_at, id limit :size offset :offset")
        .param("size", size)
        .param("offset", (long) page * size)
        .query(ListingStore::listing)
        .list());
  }

  long countPendingReview() {
    return jdbc.sql("select count(*) from listings where status = 'pending_review' and in_review")
        .query(Long.class)
        .single();
  }

  /**
   * Puts an editable listing under review: the content is frozen until the approval workflow ends,
   * and the previous review's findings are cleared.
   *
   * @return whether the listing could be submitted
   */
  boolean beginReview(UUID id, Instant now) {
    return jdbc.sql("update listings set in_review = true, submitted_at = :now, quality_score = null, "
            + "quality_issues = null, validation_errors = null, review_comment = null, reviewed_by = null, "
            + "reviewed_at = null, decision_deadline = null, updated_at = :now "
            + "where id = :id and not in_review and status in " + EDITABLE)
        .param("id", id)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** Ends a review whose workflow could not start: the listing is editable again. */
  void abandonReview(UUID id, Instant now) {
    jdbc.sql("update listings set in_review = false, updated_at = :now where id = :id and in_review "
            + "and status in " + EDITABLE)
        .param("id", id)
        .param("now", SqlTimestamps.of(now))
        .update();
  }

  boolean markValidationFailed(UUID id, List<String> errors, Instant now) {
    return jdbc.sql("update listings set status = 'validation_failed', in_review = false, "
            + "validation_errors = :errors, updated_at = :now where id = :id and in_review")
        .param("id", id)
        .param("errors", lines(errors))
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  boolean markPendingReview(UUID id, ListingRules.QualityReport quality, Instant deadline, Instant now) {
    return jdbc.sql("update listings set status = 'pending_review', quality_score = :score, "
            + "quality_issues = :issues, decision_deadline = :deadline, updated_at = :now "
            + "where id = :id and in_review")
        .param("id", id)
        .param("score", quality.score())
        .param("issues", lines(quality.issues()))
        .param("deadline", SqlTimestamps.of(deadline))
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** Records an approval: the listing is live from now until {@code expiresAt}. */
  boolean markApproved(UUID id, String comment, UUID reviewer, Instant expiresAt, Instant now) {
    return jdbc.sql("update listings set status = 'approved', in_review = false, review_comment = :comment, "
            + "reviewed_by = :reviewer, reviewed_at = :now, published_at = :now, expires_at = :expiresAt, "
            + "updated_at = :now where id = :id and in_review")
        .param("id", id)
        .param("comment", comment)
        .param("reviewer", reviewer)
        .param("expiresAt", SqlTimestamps.of(expiresAt))
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  boolean markRejected(UUID id, String comment, UUID reviewer, Instant now) {
    return jdbc.sql("update listings set status = 'rejected', in_review = false, review_comment = :comment, "
            + "reviewed_by = :reviewer, reviewed_at = :now, updated_at = :now where id = :id and in_review")
        .param("id", id)
        .param("comment", comment)
        .param("reviewer", reviewer)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** The partner withdrew the listing from review: it is a draft again. */
  boolean markWithdrawn(UUID id, Instant now) {
    return jdbc.sql("update listings set status = 'draft', in_review = false, decision_deadline = null, "
            + "updated_at = :now where id = :id and in_review")
        .param("id", id)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  boolean markError(UUID id, String message, Instant now) {
    return jdbc.sql("update listings set status = 'error', in_review = false, review_comment = :message, "
            + "updated_at = :now where id = :id and in_review")
        .param("id", id)
        .param("message", message)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** Moves the expiry of a live listing (renewal). */
  boolean setExpiry(UUID id, Instant expiresAt, Instant now) {
    return jdbc.sql("update listings set expires_at = :expiresAt, updated_at = :now "
            + "where id = :id and status = 'approved'")
        .param("id", id)
        .param("expiresAt", SqlTimestamps.of(expiresAt))
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** Ends a live listing: its time ran out, or its partner unpublished it ({@code expiresAt} now). */
  boolean markExpired(UUID id, Instant expiresAt, Instant now) {
    return jdbc.sql("update listings set status = 'expired', expires_at = :expiresAt, updated_at = :now "
            + "where id = :id and status = 'approved'")
        .param("id", id)
        .param("expiresAt", SqlTimestamps.of(expiresAt))
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  /** Listings in review whose decision deadline is before {@code now}. */
  long countPendingReviewPastDeadline(Instant now) {
    return jdbc.sql("select count(*) from listings where status = 'pending_review' and in_review "
            + "and decision_deadline < :now")
        .param("now", SqlTimestamps.of(now))
        .query(Long.class)
        .single();
  }

  /**
   * Live listings (approved, not yet expired) after {@code afterId} in id order: one batch of a
   * walk over all of them (reindex).
   */
  List<Listing> live(UUID afterId, Instant now, int limit) {
    return withImages(jdbc.sql("select " + COLUMNS + " from listings where status = 'approved' "
            + "and expires_at > :now and (cast(:afterId as uuid) is null or id > :afterId) order by id limit :limit")
        .param("afterId", afterId)
        .param("now", SqlTimestamps.of(now))
        .param("limit", limit)
        .query(ListingStore::listing)
        .list());
  }

  /** Approved listings after {@code afterId} in id order, expired or not: one batch of a walk over them. */
  List<Listing> approved(UUID afterId, int limit) {
    return withImages(jdbc.sql("select " + COLUMNS + " from listings where status = 'approved' "
            + "and (cast(:afterId as uuid) is null or id > :afterId) order by id limit :limit")
        .param("afterId", afterId)
        .param("limit", limit)
        .query(ListingStore::listing)
        .list());
  }

  private void insertImages(UUID id, List<String> images) {
    for (int position = 0; position < images.size(); position++) {
      jdbc.sql("insert into listing_images (listing_id, position, url) values (:id, :position, :url)")
          .param("id", id)
          .param("position", position)
          .param("url", images.get(position))
          .update();
    }
  }

  /** The listings with their images, read in one query. */
  private List<Listing> withImages(List<Listing> listings) {
    if (listings.isEmpty()) {
      return listings;
    }
    Map<UUID, List<String>> images = new LinkedHashMap<>();
    Collection<UUID> ids = listings.stream().map(Listing::id).toList();
    jdbc.sql("select listing_id, url from listing_images where listing_id in (:ids) order by listing_id, position")
        .param("ids", ids)
        .query((rs, row) -> images.computeIfAbsent(rs.getObject("listing_id", UUID.class), id -> new ArrayList<>())
            .add(rs.getString("url")))
        .list();
    return listings.stream().map(listing -> withImages(listing, images.getOrDefault(listing.id(), List.of()))).toList();
  }

  private static Listing withImages(Listing listing, List<String> images) {
    ListingContent c = listing.content();
    return new Listing(listing.id(), listing.ownerId(),
        new ListingContent(c.title(), c.description(), c.price(), c.currency(), c.propertyType(), c.location(), images,
            c.attributes()),
        listing.status(), listing.inReview(), listing.qualityScore(), listing.qualityIssues(),
        listing.validationErrors(), listing.reviewComment(), listing.reviewedBy(), listing.requestedExpiresAt(),
        listing.submittedAt(), listing.decisionDeadline(), listing.reviewedAt(), listing.publishedAt(),
        listing.expiresAt(), listing.createdAt(), listing.updatedAt());
  }

  private static Map<String, Object> contentParams(ListingContent content) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("title", content.title());
    params.put("description", content.description());
    params.put("price", content.price());
    params.put("currency", content.currency());
    params.put("propertyType", content.propertyType());
    params.put("address", content.location().address());
    params.put("city", content.location().city());
    params.put("state", content.location().state());
    params.put("country", content.location().country());
    params.put("postalCode", content.location().postalCode());
    params.put("lat", content.location().lat());
    params.put("lng", content.location().lng());
    params.put("bedrooms", content.attributes().bedrooms());
    params.put("bathrooms", content.attributes().bathrooms());
    params.put("area", content.attributes().area());
    return params;
  }

  private static String lines(List<String> items) {
    return items == null || items.isEmpty() ? null : String.join("\n", items);
  }

  private static List<String> fromLines(String text) {
    return text == null ? List.of() : Arrays.asList(text.split("\n"));
  }

  private static Listing listing(ResultSet rs, int row) throws SQLException {
    ListingContent content = new ListingContent(rs.getString("title"), rs.getString("description"),
        rs.getBigDecimal("price"), rs.getString("currency"), rs.getString("property_type"),
        new ListingContent.Location(rs.getString("address"), rs.getString("city"), rs.getString("state"),
            rs.getString("country"), rs.getString("postal_code"), rs.getObject("lat", Double.class),
            rs.getObject("lng", Double.class)),
        List.of(),
        new ListingContent.Attributes(rs.getObject("bedrooms", Integer.class), rs.getObject("bathrooms", Integer.class),
            rs.getBigDecimal("area")));
    BigDecimal score = rs.getBigDecimal("quality_score");
    return new Listing(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), content,
        ListingStatus.fromValue(rs.getString("status")), rs.getBoolean("in_review"), score,
        fromLines(rs.getString("quality_issues")), fromLines(rs.getString("validation_errors")),
        rs.getString("review_comment"), rs.getObject("reviewed_by", UUID.class),
        SqlTimestamps.read(rs, "requested_expires_at"), SqlTimestamps.read(rs, "submitted_at"),
        SqlTimestamps.read(rs, "decision_deadline"), SqlTimestamps.read(rs, "reviewed_at"),
        SqlTimestamps.read(rs, "published_at"), SqlTimestamps.read(rs, "expires_at"),
        SqlTimestamps.read(rs, "created_at"), SqlTimestamps.read(rs, "updated_at"));
  }
}
