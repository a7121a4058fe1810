package com.partnerplatform.listing.search;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson3.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch._types.query_dsl.ZeroTermsQuery;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenSearch index (default {@code listings}) through the REST API. The index is created with an
 * explicit mapping before the first write whenever it is missing (new, or deleted by hand); a
 * search or count of a missing index finds nothing. Every write refreshes the index, so the next
 * search sees it: writes are few (approvals, expirations, reindex batches), and a refresh per write
 * is cheaper for them than waiting up to a refresh interval each. Every document carries an
 * {@code indexedAt} stamp for {@link #removeIndexedBefore}.
 */
public class OpenSearchSearchIndex implements SearchIndex, Closeable {

  private static final String TITLE_FIELD = "title^" + LuceneSearchIndex.TITLE_BOOST;
  // Filters ignore case through this sub-field of the keyword fields; facets count the values as stored.
  private static final String LOWERCASE = "lowercase";
  private static final String LOWERCASE_NORMALIZER = "lowercase_keyword";

  private final OpenSearchClient client;
  private final String index;
  private final Clock clock;

  private OpenSearchSearchIndex(OpenSearchClient client, String index, Clock clock) {
    this.client = client;
    this.index = index;
    this.clock = clock;
  }

  /**
   * A client for the cluster at the settings' URL (http, or https verified with the JVM's trust
   * store), with basic authentication when a username is given. Connects lazily: the application
   * starts while OpenSearch is down.
   */
  public static OpenSearchSearchIndex connect(SearchProperties.OpenSearch settings, Clock clock) {
    URI url = settings.url();
    HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
    Timeout timeout = Timeout.of(settings.timeout());
    ApacheHttpClient5TransportBuilder transport = ApacheHttpClient5TransportBuilder.builder(host)
        // The client reads each document out of a larger response: trailing tokens are expected.
        .setMapper(new JacksonJsonpMapper(
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()))
        .setConnectionConfigCallback(connection -> connection
            .setConnectTimeout(timeout).setSocketTimeout(timeout))
        .setRequestConfigCallback(request -> request
            .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout));
    if (settings.username() != null && !settings.username().isBlank()) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      char[] password = settings.password() == null ? new char[0] : settings.password().toCharArray();
      credentials.setCredentials(new AuthScope(host),
          new UsernamePasswordCredentials(settings.username(), password));
      transport.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
    }
    return new OpenSearchSearchIndex(new OpenSearchClient(transport.build()), settings.index(), clock);
  }

  @Override
  public void index(ListingDocument document) {
    indexAll(List.of(document));
  }

  @Override
  public void indexAll(List<ListingDocument> documents) {
    if (documents.isEmpty()) {
      return;
    }
    ensureIndex();
    Instant indexedAt = clock.instant();
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(index).refresh(Refresh.True);
    for (ListingDocument document : documents) {
      IndexedListing indexed = IndexedListing.of(document, indexedAt);
      bulk.operations(operation -> operation.index(write -> write.id(document.id().toString()).document(indexed)));
    }
    String action = "index " + documents.size() + " listings";
    requireNoFailures(call(action, () -> client.bulk(bulk.build())), action);
  }

  @Override
  public void remove(UUID listingId) {
    // A missing index holds nothing to remove (and a bulk delete there would fail its item).
    if (!indexExists()) {
      return;
    }
    // A bulk delete reports a missing document as a result ("not_found"); a plain delete as an error.
    String action = "remove listing " + listingId;
    requireNoFailures(call(action, () -> client.bulk(bulk -> bulk.index(index).refresh(Refresh.True)
        .operations(operation -> operation.delete(delete -> delete.id(listingId.toString()))))), action);
  }

  @Override
  public long removeIndexedBefore(Instant cutoff) {
    if (!indexExists()) {
      return 0;
    }
    Query stale = Query.of(query -> query.range(range -> range
        .field(IndexedListing.INDEXED_AT).lt(JsonData.of(cutoff.toEpochMilli())).format("epoch_millis")));
    Long deleted = call("remove stale listings", () -> client.deleteByQuery(request -> request
        .index(index).query(stale).refresh(Refresh.True).conflicts(Conflicts.Proceed))).deleted();
    return deleted == null ? 0 : deleted;
  }

  @Override
  public SearchResult search(SearchQuery query) {
    Query filtered = toOpenSearch(query, clock.instant());
    SearchResponse<IndexedListing> response;
    try {
      response = client.search(request -> request
          .index(index)
          .query(filtered)
          .sort(sort(query.effectiveSort()))
          .from(query.offset())
          .size(query.size())
          .trackTotalHits(total -> total.enabled(true))
          .aggregations(SearchResult.CITY, terms(SearchResult.CITY))
          .aggregations(SearchResult.PROPERTY_TYPE, terms(SearchResult.PROPERTY_TYPE)), IndexedListing.class);
    } catch (OpenSearchException e) {
      if (isIndexMissing(e)) {
        return SearchResult.empty();
      }
      throw refused("search", e);
    } catch (IOException e) {
      throw unreachable("search", e);
    }
    List<ListingDocument> items = response.hits().hits().stream().map(Hit::source)
        .map(IndexedListing::toDocument).toList();
    return new SearchResult(response.hits().total().value(), items, Map.of(
        SearchResult.CITY, facet(response.aggregations().get(SearchResult.CITY)),
        SearchResult.PROPERTY_TYPE, facet(response.aggregations().get(SearchResult.PROPERTY_TYPE))));
  }

  @Override
  public long count() {
    try {
      return client.count(request -> request.index(index)).count();
    } catch (OpenSearchException e) {
      if (isIndexMissing(e)) {
        return 0;
      }
      throw refused("count listings", e);
    } catch (IOException e) {
      throw unreachable("count listings", e);
    }
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }

  private boolean indexExists() {
    return call("check index " + index, () -> client.indices().exists(request -> request.index(index))).value();
  }

  /** Creates the index with its mapping unless it exists; a concurrent creation is as good. */
  private void ensureIndex() {
    if (indexExists()) {
      return;
    }
    try {
      client.indices().create(request -> request
          .index(index)
          .settings(settings -> settings
              // One shard: a listings index is small, and scores and facet counts stay exact.
              .numberOfShards(1)
              .autoExpandReplicas("0-1")
              .analysis(analysis -> analysis.normalizer(LOWERCASE_NORMALIZER,
                  normalizer -> normalizer.custom(custom -> custom.filter("lowercase")))))
          .mappings(mapping()));
    } catch (OpenSearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw refused("create index " + index, e);
      }
    } catch (IOException e) {
      throw unreachable("create index " + index, e);
    }
  }

  /** Strict: a field this class does not know is an error rather than a guess. */
  private static TypeMapping mapping() {
    Property keyword = Property.of(p -> p.keyword(k -> k));
    Property keywordIgnoringCase = Property.of(p -> p.keyword(k -> k
        .fields(LOWERCASE, sub -> sub.keyword(lower -> lower.normalizer(LOWERCASE_NORMALIZER)))));
    Property text = Property.of(p -> p.text(t -> t.analyzer("standard")));
    Property stored = Property.of(p -> p.keyword(k -> k.index(false).docValues(false)));
    Property date = Property.of(p -> p.date(d -> d));
    Property decimal = Property.of(p -> p.double_(d -> d));
    Property integer = Property.of(p -> p.integer(i -> i));
    return TypeMapping.of(m -> m
        .dynamic(DynamicMapping.Strict)
        .properties("id", keyword)
        .properties("ownerId", keyword)
        .properties("title", text)
        .properties("description", text)
        .properties("price", decimal)
        .properties("currency", keyword)
        .properties(SearchResult.PROPERTY_TYPE, keywordIgnoringCase)
        .properties("address", stored)
        .properties(SearchResult.CITY, keywordIgnoringCase)
        .properties("state", keywordIgnoringCase)
        .properties("country", keyword)
        .properties("postalCode", keyword)
        .properties(IndexedListing.LOCATION, Property.of(p -> p.geoPoint(g -> g)))
        .properties("bedrooms", integer)
        .properties("bathrooms", integer)
        .properties("area", decimal)
        .properties("images", stored)
        .properties("qualityScore", decimal)
        .properties("publishedAt", date)
        .properties("expiresAt", date)
        .properties(IndexedListing.INDEXED_AT, date));
  }

  private static Query toOpenSearch(SearchQuery query, Instant now) {
    BoolQuery.Builder all = new BoolQuery.Builder();
    if (query.hasText()) {
      // Every word in the title or the description, as the Lucene adapter does.
      all.must(must -> must.multiMatch(text -> text
          .query(query.q())
          .fields(TITLE_FIELD, "description")
          .type(TextQueryType.CrossFields)
          .operator(Operator.And)
          .zeroTermsQuery(ZeroTermsQuery.All)));
    }
    filterIgnoringCase(all, SearchResult.CITY, query.city());
    filterIgnoringCase(all, "state", query.state());
    filterIgnoringCase(all, SearchResult.PROPERTY_TYPE, query.propertyType());
    if (query.minPrice() != null || query.maxPrice() != null) {
      all.filter(filter -> filter.range(range -> {
        range.field("price");
        if (query.minPrice() != null) {
          range.gte(JsonData.of(query.minPrice().doubleValue()));
        }
        if (query.maxPrice() != null) {
          range.lte(JsonData.of(query.maxPrice().doubleValue()));
        }
        return range;
      }));
    }
    if (query.minBedrooms() != null) {
      all.filter(filter -> filter.range(range -> range.field("bedrooms").gte(JsonData.of(query.minBedrooms()))));
    }
    if (query.isNear()) {
      all.filter(filter -> filter.geoDistance(near -> near
          .field(IndexedListing.LOCATION)
          .location(location -> location.latlon(point -> point.lat(query.nearLat()).lon(query.nearLng())))
          .distance(query.radiusKm() + "km")));
    }
    all.mustNot(expired -> expired.range(range -> range
        .field("expiresAt").lt(JsonData.of(now.toEpochMilli())).format("epoch_millis")));
    return Query.of(q -> q.bool(all.build()));
  }

  private static void filterIgnoringCase(BoolQuery.Builder all, String field, String value) {
    if (SearchQuery.isSet(value)) {
      all.filter(filter -> filter.term(term -> term
          .field(field + "." + LOWERCASE).value(FieldValue.of(value.toLowerCase(Locale.ROOT)))));
    }
  }

  private static Query byId(UUID listingId) {
    return Query.of(query -> query.term(term -> term.field("id").value(FieldValue.of(listingId.toString()))));
  }

  /** The Lucene adapter's order: ties newest first, then by id; documents without a value last. */
  private static List<SortOptions> sort(SearchSort sort) {
    SortOptions newest = byField("publishedAt", SortOrder.Desc);
    SortOptions byId = byField("id", SortOrder.Asc);
    return switch (sort) {
      case RELEVANCE -> List.of(SortOptions.of(s -> s.score(score -> score.order(SortOrder.Desc))), newest, byId);
      case NEWEST -> List.of(newest, byId);
      case PRICE_ASC -> List.of(byField("price", SortOrder.Asc), newest, byId);
      case PRICE_DESC -> List.of(byField("price", SortOrder.Desc), newest, byId);
    };
  }

  private static SortOptions byField(String field, SortOrder order) {
    return SortOptions.of(s -> s.field(f -> f.field(field).order(order).missing(FieldValue.of("_last"))));
  }

  private static org.opensearch.client.opensearch._types.aggregations.Aggregation terms(String field) {
    return org.opensearch.client.opensearch._types.aggregations.Aggregation.of(aggregation -> aggregation
        .terms(terms -> terms.field(field).size(SearchResult.MAX_FACET_VALUES)));
  }

  private static Map<String, Long> facet(Aggregate aggregate) {
    Map<String, Long> facet = new LinkedHashMap<>();
    if (aggregate.isSterms()) { // an unmapped or empty field answers with another (empty) kind
      aggregate.sterms().buckets().array().forEach(bucket -> facet.put(bucket.key(), bucket.docCount()));
    }
    return Collections.unmodifiableMap(facet);
  }

  private static void requireNoFailures(BulkResponse response, String action) {
    List<BulkResponseItem> failed = response.items().stream().filter(item -> item.error() != null).toList();
    if (!failed.isEmpty()) {
      throw new SearchUnavailableException("OpenSearch failed to " + action + ": " + failed.size() + " item(s) "
          + "failed, e.g. " + failed.get(0).id() + ": " + failed.get(0).error().reason(), null);
    }
  }

  private static boolean isIndexMissing(OpenSearchException e) {
    return e.status() == 404 && "index_not_found_exception".equals(e.error().type());
  }

  private <T> T call(String action, OpenSearchCall<T> call) {
    try {
      return call.run();
    } catch (OpenSearchException e) {
      throw refused(action, e);
    } catch (IOException e) {
      throw unreachable(action, e);
    }
  }

  private SearchUnavailableException refused(String action, OpenSearchException e) {
    return new SearchUnavailableException("OpenSearch failed to " + action + " (HTTP " + e.status() + "): "
        + e.getMessage(), e);
  }

  private SearchUnavailableException unreachable(String action, IOException e) {
    return new SearchUnavailableException("OpenSearch could not be reached to " + action + ": " + e.getMessage(), e);
  }

  @FunctionalInterface
  private interface OpenSearchCall<T> {
    T run() throws IOException;
  }

  /** The JSON of a listing in the index: geo_point location and the adapter's indexedAt stamp. */
  record IndexedListing(UUID id, UUID ownerId, String title, String description, BigDecimal price,
      String currency, String propertyType, String address, String city, String state, String country,
      String postalCode, GeoPoint location, Integer bedrooms, Integer bathrooms, Double area,
      List<String> images, Double qualityScore, Instant publishedAt, Instant expiresAt, Instant indexedAt) {

    static final String LOCATION = "location";
    static final String INDEXED_AT = "indexedAt";

    static IndexedListing of(ListingDocument document, Instant indexedAt) {
      return new IndexedListing(document.id(), document.ownerId(), document.title(), document.description(),
          document.price(), document.currency(), document.propertyType(), document.address(), document.city(),
          document.state(), document.country(), document.postalCode(),
          document.hasLocation() ? new GeoPoint(document.lat(), document.lng()) : null, document.bedrooms(),
          document.bathrooms(), document.area(), document.images(), document.qualityScore(),
          document.publishedAt(), document.expiresAt(), indexedAt);
    }

    ListingDocument toDocument() {
      return new ListingDocument(id, ownerId, title, description, price, currency, propertyType, address, city,
          state, country, postalCode, location == null ? null : location.lat(),
          location == null ? null : location.lon(), bedrooms, bathrooms, area, images, qualityScore, publishedAt,
          expiresAt);
    }
  }

  record GeoPoint(double lat, double lon) {}
}
