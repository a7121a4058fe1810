package com.partnerplatform.listing.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Listing documents for tests: a complete Berlin apartment, changed one property at a time. */
final class Listings {

  static final double BERLIN_LAT = 52.5200;
  static final double BERLIN_LNG = 13.4050;

  private UUID id = UUID.randomUUID();
  private UUID ownerId = UUID.randomUUID();
  private String title = "Bright apartment near the park";
  private String description = "A quiet flat with a balcony, a modern kitchen and good transport links nearby.";
  private BigDecimal price = new BigDecimal("250000.00");
  private String propertyType = "apartment";
  private String city = "Berlin";
  private String state = "Berlin";
  private Double lat = BERLIN_LAT;
  private Double lng = BERLIN_LNG;
  private Integer bedrooms = 2;
  private Instant publishedAt = Instant.parse("2026-02-01T09:00:00Z");
  private Instant expiresAt = Instant.parse("2026-05-01T09:00:00Z");

  static Listings listing() {
    return new Listings();
  }

  Listings id(UUID id) {
    this.id = id;
    return this;
  }

  Listings title(String title) {
    this.title = title;
    return this;
  }

  Listings description(String description) {
    this.description = description;
    return this;
  }

  Listings price(String price) {
    this.price = price == null ? null : new BigDecimal(price);
    return this;
  }

  Listings propertyType(String propertyType) {
    this.propertyType = propertyType;
    return this;
  }

  Listings city(String city, String state) {
    this.city = city;
    this.state = state;
    return this;
  }

  Listings at(Double lat, Double lng) {
    this.lat = lat;
    this.lng = lng;
    return this;
  }

  Listings bedrooms(Integer bedrooms) {
    this.bedrooms = bedrooms;
    return this;
  }

  Listings publishedAt(Instant publishedAt) {
    this.publishedAt = publishedAt;
    return this;
  }

  Listings expiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  ListingDocument build() {
    return new ListingDocument(id, ownerId, title, description, price, "EUR", propertyType, "Torstraße 1", city,
        state, "DE", "10119", lat, lng, bedrooms, 1, 74.5,
        List.of("https://img.example.com/" + id + "/1.jpg", "https://img.example.com/" + id + "/2.jpg"), 0.9,
        publishedAt, expiresAt);
  }
}
