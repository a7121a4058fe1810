package com.partnerplatform.listing;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a partner writes about a property. Drafts may be incomplete: the approval workflow checks
 * the content against the validation rules on submit.
 */
public record ListingContent(String title, String description, BigDecimal price, String currency,
    String propertyType, Location location, List<String> images, Attributes attributes) {

  public ListingContent {
    location = location == null ? Location.EMPTY : location;
    images = images == null ? List.of() : List.copyOf(images);
    attributes = attributes == null ? Attributes.EMPTY : attributes;
  }

  public record Location(String address, String city, String state, String country, String postalCode, Double lat,
      Double lng) {

    static final Location EMPTY = new Location(null, null, null, null, null, null, null);
  }

  public record Attributes(Integer bedrooms, Integer bathrooms, BigDecimal area) {

    static final Attributes EMPTY = new Attributes(null, null, null);
  }
}
