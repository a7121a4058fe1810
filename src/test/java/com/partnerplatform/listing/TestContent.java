package com.partnerplatform.listing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

/** Listing content for tests: valid and scoring 1.00 unless a test changes a part of it. */
final class TestContent {

  /** 200 characters exactly: long enough for no deduction. */
  static final String GOOD_DESCRIPTION = "A bright two-bedroom flat on the third floor with a balcony facing the park, "
      + "a renovated kitchen, oak floors, a storage room in the basement and a bicycle shed; the tram stops in front. "
      + "Pets are fine.";

  private String title = "Sunny flat by the park";
  private String description = GOOD_DESCRIPTION;
  private BigDecimal price = new BigDecimal("250000.00");
  private ListingContent.Location location =
      new ListingContent.Location("1 Main St", "Springfield", "IL", "US", "62701", null, null);
  private List<String> images = images(5);
  private ListingContent.Attributes attributes = new ListingContent.Attributes(2, 1, new BigDecimal("85.50"));

  static TestContent content() {
    return new TestContent();
  }

  static List<String> images(int count) {
    return Collections.nCopies(count, "https://img.example.com/photo.jpg");
  }

  TestContent title(String title) {
    this.title = title;
    return this;
  }

  TestContent description(String description) {
    this.description = description;
    return this;
  }

  TestContent price(BigDecimal price) {
    this.price = price;
    return this;
  }

  TestContent location(String address, String city, String state) {
    this.location = new ListingContent.Location(address, city, state, "US", null, null, null);
    return this;
  }

  TestContent images(List<String> images) {
    this.images = images;
    return this;
  }

  TestContent attributes(Integer bedrooms, Integer bathrooms, BigDecimal area) {
    this.attributes = new ListingContent.Attributes(bedrooms, bathrooms, area);
    return this;
  }

  ListingContent build() {
    return new ListingContent(title, description, price, "USD", "apartment", location, images, attributes);
  }
}
