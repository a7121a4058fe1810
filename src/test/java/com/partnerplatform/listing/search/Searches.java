package com.partnerplatform.listing.search;

import java.math.BigDecimal;

/** Search queries for tests: everything, newest first, one criterion added at a time. */
final class Searches {

  private String q;
  private String city;
  private String state;
  private String propertyType;
  private BigDecimal minPrice;
  private BigDecimal maxPrice;
  private Integer minBedrooms;
  private Double nearLat;
  private Double nearLng;
  private Double radiusKm;
  private SearchSort sort = SearchSort.RELEVANCE;
  private int page;
  private int size = SearchQuery.DEFAULT_SIZE;

  static Searches search() {
    return new Searches();
  }

  Searches q(String q) {
    this.q = q;
    return this;
  }

  Searches city(String city) {
    this.city = city;
    return this;
  }

  Searches state(String state) {
    this.state = state;
    return this;
  }

  Searches propertyType(String propertyType) {
    this.propertyType = propertyType;
    return this;
  }

  Searches price(String min, String max) {
    this.minPrice = min == null ? null : new BigDecimal(min);
    this.maxPrice = max == null ? null : new BigDecimal(max);
    return this;
  }

  Searches minBedrooms(int minBedrooms) {
    this.minBedrooms = minBedrooms;
    return this;
  }

  Searches near(double lat, double lng, Double radiusKm) {
    this.nearLat = lat;
    this.nearLng = lng;
    this.radiusKm = radiusKm;
    return this;
  }

  Searches sort(SearchSort sort) {
    this.sort = sort;
    return this;
  }

  Searches page(int page, int size) {
    this.page = page;
    this.size = size;
    return this;
  }

  SearchQuery build() {
    return new SearchQuery(q, city, state, propertyType, minPrice, maxPrice, minBedrooms, nearLat, nearLng,
        radiusKm, sort, page, size);
  }
}
