package com.partnerplatform.listing.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published listing as the search engine holds it. Only {@code id} is required; a document
 * without {@code lat}/{@code lng} is never within a search radius, one without {@code expiresAt}
 * never expires.
 */
public record ListingDocument(UUID id, UUID ownerId, String title, String description, BigDecimal price,
    String currency, String propertyType, String address, String city, String state, String country,
    String postalCode, Double lat, Double lng, Integer bedrooms, Integer bathrooms, Double area,
    List<String> images, Double qualityScore, Instant publishedAt, Instant expiresAt) {

  public ListingDocument {
    if (id == null) {
      throw new IllegalArgumentException("A listing document needs an id");
    }
    images = images == null ? List.of() : List.copyOf(images);
  }

  boolean hasLocation() {
    return lat != null && lng != null;
  }
}
