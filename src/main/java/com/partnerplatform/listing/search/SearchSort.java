package com.partnerplatform.listing.search;

import java.util.Locale;
import java.util.Optional;

/** Orders of search results; the values of the API's {@code sort} parameter are lower case. */
public enum SearchSort {
  /** Best text match first (title matches weigh more); newest first when there is no text. */
  RELEVANCE,
  PRICE_ASC,
  PRICE_DESC,
  /** Most recently published first. */
  NEWEST;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The sort named by an API value such as {@code price_asc}; empty if there is none. */
  public static Optional<SearchSort> fromValue(String value) {
    for (SearchSort sort : values()) {
      if (sort.value().equals(value)) {
        return Optional.of(sort);
      }
    }
    return Optional.empty();
  }
}
