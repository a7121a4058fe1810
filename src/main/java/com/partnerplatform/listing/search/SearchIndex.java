package com.partnerplatform.listing.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The search engine's view of published listings: embedded Lucene locally, OpenSearch in production
 * ({@code platform.search.engine}). Writes are visible to the next search. A failure of the engine
 * throws {@link SearchUnavailableException} (never swallowed), so the activities calling it retry.
 */
public interface SearchIndex {

  /** Adds the document, or replaces the one with the same id. */
  void index(ListingDocument document);

  /** Adds or replaces many documents at once (batches of a reindex). */
  void indexAll(List<ListingDocument> documents);

  /** Removes the document; no error if it is not there. */
  void remove(UUID listingId);

  /**
   * Removes documents indexed (by this adapter's clock) before the cutoff: ends a reindex.
   *
   * @return how many documents were removed
   */
  long removeIndexedBefore(Instant cutoff);

  SearchResult search(SearchQuery query);

  /** All documents in the index, expired or not. */
  long count();
}
