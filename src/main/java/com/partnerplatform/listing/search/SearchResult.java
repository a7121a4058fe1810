package com.partnerplatform.listing.search;

import java.util.List;
import java.util.Map;

/**
 * One page of a search.
 *
 * @param total how many documents match the query and filters (all pages)
 * @param items the requested page
 * @param facets per facet ({@link #CITY}, {@link #PROPERTY_TYPE}): value as indexed → number of
 *     matching documents (all pages), most frequent first, ties by value
 */
public record SearchResult(long total, List<ListingDocument> items, Map<String, Map<String, Long>> facets) {

  public static final String CITY = "city";
  public static final String PROPERTY_TYPE = "propertyType";
  /** The most values a facet lists. */
  public static final int MAX_FACET_VALUES = 50;

  public SearchResult {
    items = List.copyOf(items);
    facets = Map.copyOf(facets);
  }

  /** What a search of an index that does not exist (yet) finds. */
  static SearchResult empty() {
    return new SearchResult(0, List.of(), Map.of(CITY, Map.of(), PROPERTY_TYPE, Map.of()));
  }
}
