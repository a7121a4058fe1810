package com.partnerplatform.listing.search;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The embedded engine: a Lucene index in a local directory. Every write is committed (it survives
 * a crash) and reopens the searcher, so the next search sees it. Safe for concurrent use; one
 * process per directory (Lucene's write lock refuses a second).
 */
public class LuceneSearchIndex implements SearchIndex, Closeable {

  static final float TITLE_BOOST = 3f;

  // Field names. Filters match lower-cased "*_key" copies; facets count the values as indexed.
  private static final String ID = "id";
  private static final String OWNER_ID = "ownerId";
  private static final String TITLE = "title";
  private static final String DESCRIPTION = "description";
  private static final String PRICE = "price";
  private static final String CURRENCY = "currency";
  private static final String PROPERTY_TYPE = SearchResult.PROPERTY_TYPE;
  private static final String ADDRESS = "address";
  private static final String CITY = SearchResult.CITY;
  private static final String STATE = "state";
  private static final String COUNTRY = "country";
  private static final String POSTAL_CODE = "postalCode";
  private static final String LOCATION = "location";
  private static final String LAT = "lat";
  private static final String LNG = "lng";
  private static final String BEDROOMS = "bedrooms";
  private static final String BATHROOMS = "bathrooms";
  private static final String AREA = "area";
  private static final String IMAGES = "images";
  private static final String QUALITY_SCORE = "qualityScore";
  private static final String PUBLISHED_AT = "publishedAt";
  private static final String EXPIRES_AT = "expiresAt";
  private static final String INDEXED_AT = "indexedAt";
  private static final String KEY_SUFFIX = "_key";

  private final Path path;
  private final Clock clock;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** Opens the index in the directory, creating both when missing. */
  public LuceneSearchIndex(Path path, Clock clock) {
    this.path = path;
    this.clock = clock;
    FSDirectory openedDirectory = null;
    IndexWriter openedWriter = null;
    try {
      Files.createDirectories(path);
      openedDirectory = FSDirectory.open(path);
      openedWriter = new IndexWriter(openedDirectory, new IndexWriterConfig(analyzer));
      this.searchers = new SearcherManager(openedWriter, null);
    } catch (IOException e) {
      IOUtils.closeWhileHandlingException(openedWriter, openedDirectory);
      throw new SearchUnavailableException("Cannot open the search index in " + path + ": " + e.getMessage(), e);
    }
    this.directory = openedDirectory;
    this.writer = openedWriter;
  }

  @Override
  public void index(ListingDocument document) {
    indexAll(List.of(document));
  }

  @Override
  public void indexAll(List<ListingDocument> documents) {
    long indexedAt = clock.millis();
    write("index", () -> {
      for (ListingDocument document : documents) {
        writer.updateDocument(idTerm(document.id()), toLucene(document, indexedAt));
      }
    });
  }

  @Override
  public void remove(UUID listingId) {
    write("remove", () -> writer.deleteDocuments(idTerm(listingId)));
  }

  @Override
  public long removeIndexedBefore(Instant cutoff) {
    Query stale = LongPoint.newRangeQuery(INDEXED_AT, Long.MIN_VALUE, cutoff.toEpochMilli() - 1);
    // Counted just before: a stale document re-indexed meanwhile is counted but stays.
    long removed = read(searcher -> (long) searcher.count(stale));
    write("remove stale documents", () -> writer.deleteDocuments(stale));
    return removed;
  }

  @Override
  public SearchResult search(SearchQuery query) {
    Query lucene = toLucene(query, clock.millis());
    return read(searcher -> {
      FacetsCollectorManager.FacetsResult hits = FacetsCollectorManager.search(
          searcher, lucene, query.offset() + query.size(), sort(query.effectiveSort()), new FacetsCollectorManager());
      ScoreDoc[] top = hits.topDocs().scoreDocs;
      StoredFields stored = searcher.storedFields();
      List<ListingDocument> items = new ArrayList<>();
      for (int i = query.offset(); i < top.length; i++) {
        items.add(fromLucene(stored.document(top[i].doc)));
      }
      long total = hits.facetsCollector().getMatchingDocs().stream().mapToLong(docs -> docs.totalHits).sum();
      return new SearchResult(total, items, Map.of(
          CITY, facet(searcher, hits.facetsCollector(), CITY),
          PROPERTY_TYPE, facet(searcher, hits.facetsCollector(), PROPERTY_TYPE)));
    });
  }

  @Override
  public long count() {
    return read(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(searchers, writer, directory, analyzer);
  }

  private static Term idTerm(UUID id) {
    return new Term(ID, id.toString());
  }

  private Query toLucene(SearchQuery query, long nowMillis) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    Set<String> words = query.hasText() ? words(query.q()) : Set.of();
    if (words.isEmpty()) {
      all.add(new MatchAllDocsQuery(), Occur.FILTER);
    }
    // Every word must occur in the title or the description; a title match scores higher.
    for (String word : words) {
      all.add(new BooleanQuery.Builder()
          .add(new BoostQuery(new TermQuery(new Term(TITLE, word)), TITLE_BOOST), Occur.SHOULD)
          .add(new TermQuery(new Term(DESCRIPTION, word)), Occur.SHOULD)
          .build(), Occur.MUST);
    }
    filterByKey(all, CITY, query.city());
    filterByKey(all, STATE, query.state());
    filterByKey(all, PROPERTY_TYPE, query.propertyType());
    if (query.minPrice() != null || query.maxPrice() != null) {
      all.add(DoublePoint.newRangeQuery(PRICE,
          query.minPrice() == null ? Double.NEGATIVE_INFINITY : query.minPrice().doubleValue(),
          query.maxPrice() == null ? Double.POSITIVE_INFINITY : query.maxPrice().doubleValue()), Occur.FILTER);
    }
    if (query.minBedrooms() != null) {
      all.add(IntPoint.newRangeQuery(BEDROOMS, query.minBedrooms(), Integer.MAX_VALUE), Occur.FILTER);
    }
    if (query.isNear()) {
      all.add(LatLonPoint.newDistanceQuery(LOCATION, query.nearLat(), query.nearLng(), query.radiusKm() * 1000),
          Occur.FILTER);
    }
    all.add(LongPoint.newRangeQuery(EXPIRES_AT, Long.MIN_VALUE, nowMillis - 1), Occur.MUST_NOT);
    return all.build();
  }

  private static void filterByKey(BooleanQuery.Builder all, String field, String value) {
    if (SearchQuery.isSet(value)) {
      all.add(new TermQuery(new Term(field + KEY_SUFFIX, lowerCase(value))), Occur.FILTER);
    }
  }

  /** The distinct terms of the text, analysed as titles and descriptions are. */
  private Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(TITLE, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        words.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new IllegalStateException("Analysing text in memory failed", e);
    }
    return words;
  }

  /** Ties keep a stable order: newest first, then by id. */
  private static Sort sort(SearchSort sort) {
    SortField newest = new SortField(PUBLISHED_AT, SortField.Type.LONG, true);
    newest.setMissingValue(Long.MIN_VALUE);
    SortField byId = new SortField(ID, SortField.Type.STRING);
    return switch (sort) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, newest, byId);
      case NEWEST -> new Sort(newest, byId);
      case PRICE_ASC, PRICE_DESC -> {
        boolean descending = sort == SearchSort.PRICE_DESC;
        SortField price = new SortField(PRICE, SortField.Type.DOUBLE, descending);
        price.setMissingValue(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY); // unpriced last
        yield new Sort(price, newest, byId);
      }
    };
  }

  private static Map<String, Long> facet(IndexSearcher searcher, FacetsCollector hits, String field)
      throws IOException {
    FacetResult counts = new StringValueFacetCounts(new StringDocValuesReaderState(searcher.getIndexReader(), field),
        hits).getTopChildren(SearchResult.MAX_FACET_VALUES, field);
    Map<String, Long> facet = new LinkedHashMap<>();
    for (LabelAndValue value : counts.labelValues) {
      facet.put(value.label, value.value.longValue());
    }
    return Collections.unmodifiableMap(facet);
  }

  private static Document toLucene(ListingDocument listing, long indexedAtMillis) {
    Document document = new Document();
    String id = listing.id().toString();
    document.add(new StringField(ID, id, Field.Store.YES));
    document.add(new SortedDocValuesField(ID, new BytesRef(id)));
    document.add(new LongPoint(INDEXED_AT, indexedAtMillis));
    storeString(document, OWNER_ID, listing.ownerId() == null ? null : listing.ownerId().toString());
    if (listing.title() != null) {
      document.add(new TextField(TITLE, listing.title(), Field.Store.YES));
    }
    if (listing.description() != null) {
      document.add(new TextField(DESCRIPTION, listing.description(), Field.Store.YES));
    }
    if (listing.price() != null) {
      document.add(new DoublePoint(PRICE, listing.price().doubleValue()));
      document.add(new DoubleDocValuesField(PRICE, listing.price().doubleValue()));
      document.add(new StoredField(PRICE, listing.price().toString())); // exact, with its scale
    }
    storeString(document, CURRENCY, listing.currency());
    addKeyword(document, PROPERTY_TYPE, listing.propertyType());
    storeString(document, ADDRESS, listing.address());
    addKeyword(document, CITY, listing.city());
    addKeyword(document, STATE, listing.state());
    storeString(document, COUNTRY, listing.country());
    storeString(document, POSTAL_CODE, listing.postalCode());
    if (listing.hasLocation()) {
      document.add(new LatLonPoint(LOCATION, listing.lat(), listing.lng()));
      document.add(new StoredField(LAT, listing.lat()));
      document.add(new StoredField(LNG, listing.lng()));
    }
    if (listing.bedrooms() != null) {
      document.add(new IntPoint(BEDROOMS, listing.bedrooms()));
      document.add(new StoredField(BEDROOMS, listing.bedrooms()));
    }
    if (listing.bathrooms() != null) {
      document.add(new StoredField(BATHROOMS, listing.bathrooms()));
    }
    if (listing.area() != null) {
      document.add(new StoredField(AREA, listing.area()));
    }
    listing.images().forEach(image -> document.add(new StoredField(IMAGES, image)));
    if (listing.qualityScore() != null) {
      document.add(new StoredField(QUALITY_SCORE, listing.qualityScore()));
    }
    if (listing.publishedAt() != null) {
      document.add(new NumericDocValuesField(PUBLISHED_AT, listing.publishedAt().toEpochMilli()));
      document.add(new StoredField(PUBLISHED_AT, listing.publishedAt().toString()));
    }
    if (listing.expiresAt() != null) {
      document.add(new LongPoint(EXPIRES_AT, listing.expiresAt().toEpochMilli()));
      document.add(new StoredField(EXPIRES_AT, listing.expiresAt().toString()));
    }
    return document;
  }

  /** Stored as given (results, facets) and lower-cased for filters that ignore case. */
  private static void addKeyword(Document document, String field, String value) {
    if (value != null) {
      document.add(new StoredField(field, value));
      document.add(new SortedDocValuesField(field, new BytesRef(value)));
      document.add(new StringField(field + KEY_SUFFIX, lowerCase(value), Field.Store.NO));
    }
  }

  private static void storeString(Document document, String field, String value) {
    if (value != null) {
      document.add(new StoredField(field, value));
    }
  }

  private static ListingDocument fromLucene(Document document) {
    return new ListingDocument(
        UUID.fromString(document.get(ID)),
        uuid(document.get(OWNER_ID)),
        document.get(TITLE),
        document.get(DESCRIPTION),
        document.get(PRICE) == null ? null : new BigDecimal(document.get(PRICE)),
        document.get(CURRENCY),
        document.get(PROPERTY_TYPE),
        document.get(ADDRESS),
        document.get(CITY),
        document.get(STATE),
        document.get(COUNTRY),
        document.get(POSTAL_CODE),
        number(document, LAT) == null ? null : number(document, LAT).doubleValue(),
        number(document, LNG) == null ? null : number(document, LNG).doubleValue(),
        number(document, BEDROOMS) == null ? null : number(document, BEDROOMS).intValue(),
        number(document, BATHROOMS) == null ? null : number(document, BATHROOMS).intValue(),
        number(document, AREA) == null ? null : number(document, AREA).doubleValue(),
        List.of(document.getValues(IMAGES)),
        number(document, QUALITY_SCORE) == null ? null : number(document, QUALITY_SCORE).doubleValue(),
        instant(document.get(PUBLISHED_AT)),
        instant(document.get(EXPIRES_AT)));
  }

  private static Number number(Document document, String field) {
    IndexableField stored = document.getField(field);
    return stored == null ? null : stored.numericValue();
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }

  private static Instant instant(String value) {
    return value == null ? null : Instant.parse(value);
  }

  private static String lowerCase(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private void write(String action, IndexWork work) {
    try {
      work.run();
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new SearchUnavailableException("Cannot " + action + " in the search index in " + path + ": "
          + e.getMessage(), e);
    }
  }

  private <T> T read(SearcherWork<T> work) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.run(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new SearchUnavailableException("Cannot read the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface IndexWork {
    void run() throws IOException;
  }

  @FunctionalInterface
  private interface SearcherWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }
}
