package com.partnerplatform.listing.search;

import java.math.BigDecimal;

/**
 * What to search for. Every criterion is optional (null or blank: not applied).
 *
 * @param q words to find in title or description; every word must occur in one of them
 * @param city exact city, ignoring case
 * @param state exact state, ignoring case
 * @param propertyType exact property type, ignoring case
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param minBedrooms fewest bedrooms
 * @param nearLat latitude of the centre of a radius search (with {@code nearLng})
 * @param nearLng longitude of the centre of a radius search (with {@code nearLat})
 * @param radiusKm great-circle distance from the centre; {@value #DEFAULT_RADIUS_KM} km if null
 * @param sort the order; {@link SearchSort#RELEVANCE} if null
 * @param page page number from 0
 * @param size page size, 1 to {@value #MAX_SIZE}; page and size reach at most the first
 *     {@value #MAX_RESULT_WINDOW} results
 * @throws IllegalArgumentException for a page out of these bounds, or a radius without a centre
 */
public record SearchQuery(String q, String city, String state, String propertyType, BigDecimal minPrice,
    BigDecimal maxPrice, Integer minBedrooms, Double nearLat, Double nearLng, Double radiusKm, SearchSort sort,
    int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;
  /** How deep paging reaches: OpenSearch's default result window, kept by both engines alike. */
  public static final int MAX_RESULT_WINDOW = 10_000;
  public static final int DEFAULT_RADIUS_KM = 25;
  /** Half the earth's circumference: a larger radius covers the whole globe anyway. */
  public static final int MAX_RADIUS_KM = 20_000;

  public SearchQuery {
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page must be >= 0 and size 1 to " + MAX_SIZE);
    }
    if ((long) (page + 1) * size > MAX_RESULT_WINDOW) {
      throw new IllegalArgumentException("Results beyond the first " + MAX_RESULT_WINDOW + " cannot be paged to");
    }
    if ((nearLat == null) != (nearLng == null)) {
      throw new IllegalArgumentException("nearLat and nearLng go together");
    }
    if (nearLat == null && radiusKm != null) {
      throw new IllegalArgumentException("radiusKm needs nearLat and nearLng");
    }
    if (nearLat != null && radiusKm == null) {
      radiusKm = (double) DEFAULT_RADIUS_KM;
    }
    if (sort == null) {
      sort = SearchSort.RELEVANCE;
    }
  }

  boolean hasText() {
    return q != null && !q.isBlank();
  }

  boolean isNear() {
    return nearLat != null;
  }

  /** Relevance needs words to rank by; without them it is newest first. */
  SearchSort effectiveSort() {
    return sort == SearchSort.RELEVANCE && !hasText() ? SearchSort.NEWEST : sort;
  }

  /** The first result of the page. */
  int offset() {
    return page * size;
  }

  static boolean isSet(String criterion) {
    return criterion != null && !criterion.isBlank();
  }
}
