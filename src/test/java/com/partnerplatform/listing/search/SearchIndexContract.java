package com.partnerplatform.listing.search;

import static com.partnerplatform.listing.search.Listings.BERLIN_LAT;
import static com.partnerplatform.listing.search.Listings.BERLIN_LNG;
import static com.partnerplatform.listing.search.Listings.listing;
import static com.partnerplatform.listing.search.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.partnerplatform.platform.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SearchIndex} does, whatever the engine. A subclass supplies a fresh, never
 * written index per test and closes it afterwards.
 */
abstract class SearchIndexContract {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  SearchIndex index;

  /** An index nothing was written to yet, reading the given clock. */
  abstract SearchIndex newIndex(MutableClock clock);

  @BeforeEach
  void openIndex() {
    index = newIndex(clock);
  }

  @Test
  void aNewIndexFindsNothingAndToleratesRemovals() {
    assertThat(index.count()).isZero();
    SearchResult result = index.search(search().build());
    assertThat(result.total()).isZero();
    assertThat(result.items()).isEmpty();
    assertThat(result.facets()).containsOnlyKeys(SearchResult.CITY, SearchResult.PROPERTY_TYPE);
    assertThat(result.facets().values()).allSatisfy(facet -> assertThat(facet).isEmpty());

    index.remove(UUID.randomUUID());
    assertThat(index.removeIndexedBefore(NOW.plusSeconds(60))).isZero();
    assertThat(index.count()).isZero();
  }

  @Test
  void aDocumentComesBackAsIndexedAndRightAway() {
    ListingDocument document = listing().price("349999.90").build();

    index.index(document);

    assertThat(index.count()).isEqualTo(1);
    assertThat(index.search(search().build()).items()).containsExactly(document);
  }

  @Test
  void aDocumentWithOnlyAnIdIsSearchable() {
    ListingDocument bare = new ListingDocument(UUID.randomUUID(), null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);

    index.index(bare);

    assertThat(index.search(search().build()).items()).containsExactly(bare);
    assertThat(index.search(search().q("apartment").build()).total()).isZero();
  }

  @Test
  void wordsAreFoundInTitleOrDescriptionIgnoringCase() {
    ListingDocument inTitle = index(listing().title("Loft with a roof terrace"));
    ListingDocument inDescription = index(listing().title("Spacious family home")
        .description("Built in 1910; the attic was converted into a loft with a view over the city."));
    index(listing().title("Garden cottage").description("Small house with a garden and a shed."));

    assertThat(ids(search().q("LOFT"))).containsExactlyInAnyOrder(inTitle.id(), inDescription.id());
    assertThat(ids(search().q("family loft"))).containsExactly(inDescription.id());
    assertThat(ids(search().q("loft garden"))).isEmpty();
  }

  @Test
  void aTitleMatchOutranksADescriptionMatch() {
    ListingDocument inDescription = index(listing().title("Spacious family home")
        .description("Built in 1910; the attic was converted into a loft with a view over the city.")
        .publishedAt(NOW.minusSeconds(60)));
    ListingDocument inTitle = index(listing().title("Loft with a roof terrace")
        .description("Top floor, lift, big windows and a roof terrace facing south.")
        .publishedAt(NOW.minus(Duration.ofDays(30))));

    assertThat(ids(search().q("loft"))).containsExactly(inTitle.id(), inDescription.id());
  }

  @Test
  void cityStateAndPropertyTypeMatchExactlyIgnoringCase() {
    ListingDocument berlinFlat = index(listing().city("Berlin", "Berlin").propertyType("apartment"));
    ListingDocument berlinHouse = index(listing().city("Berlin", "Berlin").propertyType("House"));
    ListingDocument munichFlat = index(listing().city("Munich", "Bavaria").propertyType("apartment"));
    index(listing().city("Berlin-Spandau", "Berlin").propertyType("apartments"));

    assertThat(ids(search().city("berlin"))).containsExactlyInAnyOrder(berlinFlat.id(), berlinHouse.id());
    assertThat(ids(search().state("BAVARIA"))).containsExactly(munichFlat.id());
    assertThat(ids(search().propertyType("house"))).containsExactly(berlinHouse.id());
    assertThat(ids(search().city("Berlin").propertyType("Apartment"))).containsExactly(berlinFlat.id());
  }

  @Test
  void priceBoundsAreInclusive() {
    ListingDocument cheap = index(listing().price("100000.00"));
    ListingDocument middle = index(listing().price("200000.50"));
    ListingDocument dear = index(listing().price("300000"));
    index(listing().price(null));

    assertThat(ids(search().price("100000", "200000.50"))).containsExactlyInAnyOrder(cheap.id(), middle.id());
    assertThat(ids(search().price("200000.51", null))).containsExactly(dear.id());
    assertThat(ids(search().price(null, "99999.99"))).isEmpty();
  }

  @Test
  void minBedroomsIsInclusive() {
    index(listing().bedrooms(1));
    ListingDocument two = index(listing().bedrooms(2));
    ListingDocument five = index(listing().bedrooms(5));
    index(listing().bedrooms(null));

    assertThat(ids(search().minBedrooms(2))).containsExactlyInAnyOrder(two.id(), five.id());
  }

  @Test
  void aRadiusKeepsListingsWithinThatDistance() {
    ListingDocument mitte = index(listing().at(BERLIN_LAT, BERLIN_LNG));
    ListingDocument spandau = index(listing().at(52.5351, 13.1990)); // about 14 km west
    ListingDocument potsdam = index(listing().at(52.3906, 13.0645)); // about 27 km south-west
    index(listing().at(53.5511, 9.9937)); // Hamburg, about 255 km
    index(listing().at(null, null));

    assertThat(ids(search().near(BERLIN_LAT, BERLIN_LNG, 10.0))).containsExactly(mitte.id());
    assertThat(ids(search().near(BERLIN_LAT, BERLIN_LNG, 20.0)))
        .containsExactlyInAnyOrder(mitte.id(), spandau.id());
    assertThat(ids(search().near(BERLIN_LAT, BERLIN_LNG, null))) // the default radius, 25 km
        .containsExactlyInAnyOrder(mitte.id(), spandau.id());
    assertThat(ids(search().near(BERLIN_LAT, BERLIN_LNG, 30.0)))
        .containsExactlyInAnyOrder(mitte.id(), spandau.id(), potsdam.id());
  }

  @Test
  void resultsSortByPriceOrNewestWithUnpricedListingsLast() {
    ListingDocument old = index(listing().price("300000").publishedAt(NOW.minus(Duration.ofDays(20))));
    ListingDocument recent = index(listing().price("100000").publishedAt(NOW.minus(Duration.ofDays(1))));
    ListingDocument middle = index(listing().price("200000").publishedAt(NOW.minus(Duration.ofDays(10))));
    ListingDocument unpriced = index(listing().price(null).publishedAt(NOW.minus(Duration.ofDays(5))));

    assertThat(ids(search().sort(SearchSort.PRICE_ASC)))
        .containsExactly(recent.id(), middle.id(), old.id(), unpriced.id());
    assertThat(ids(search().sort(SearchSort.PRICE_DESC)))
        .containsExactly(old.id(), middle.id(), recent.id(), unpriced.id());
    assertThat(ids(search().sort(SearchSort.NEWEST)))
        .containsExactly(recent.id(), unpriced.id(), middle.id(), old.id());
    assertThat(ids(search().sort(SearchSort.RELEVANCE))) // nothing to rank by: newest first
        .containsExactly(recent.id(), unpriced.id(), middle.id(), old.id());
  }

  @Test
  void pagesSplitTheResultsWithoutOverlap() {
    List<UUID> newestFirst = IntStream.range(0, 5)
        .mapToObj(day -> index(listing().publishedAt(NOW.minus(Duration.ofDays(day)))).id())
        .toList();

    SearchResult first = index.search(search().sort(SearchSort.NEWEST).page(0, 2).build());
    SearchResult second = index.search(search().sort(SearchSort.NEWEST).page(1, 2).build());
    SearchResult last = index.search(search().sort(SearchSort.NEWEST).page(2, 2).build());
    SearchResult beyond = index.search(search().sort(SearchSort.NEWEST).page(3, 2).build());

    assertThat(List.of(first.total(), second.total(), last.total(), beyond.total())).containsOnly(5L);
    assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
    assertThat(ids(last)).containsExactlyElementsOf(newestFirst.subList(4, 5));
    assertThat(beyond.items()).isEmpty();
  }

  @Test
  void facetsCountAllMatchesNotOnlyThePage() {
    index(listing().city("Berlin", "Berlin").propertyType("apartment"));
    index(listing().city("Berlin", "Berlin").propertyType("apartment"));
    index(listing().city("Berlin", "Berlin").propertyType("house"));
    index(listing().city("Hamburg", "Hamburg").propertyType("apartment"));
    index(listing().city("Munich", "Bavaria").propertyType("house").price("900000"));

    SearchResult onePage = index.search(search().page(0, 1).build());

    assertThat(onePage.items()).hasSize(1);
    assertThat(onePage.facets().get(SearchResult.CITY))
        .containsExactly(entry("Berlin", 3L), entry("Hamburg", 1L), entry("Munich", 1L));
    assertThat(onePage.facets().get(SearchResult.PROPERTY_TYPE))
        .containsExactly(entry("apartment", 3L), entry("house", 2L));

    SearchResult filtered = index.search(search().price(null, "500000").propertyType("house").build());
    assertThat(filtered.facets().get(SearchResult.CITY)).containsExactly(entry("Berlin", 1L));
    assertThat(filtered.facets().get(SearchResult.PROPERTY_TYPE)).containsExactly(entry("house", 1L));
  }

  @Test
  void indexingAnIdAgainReplacesTheDocument() {
    UUID id = UUID.randomUUID();
    index(listing().id(id).title("Loft with a roof terrace"));

    ListingDocument renamed = index(listing().id(id).title("Penthouse with a roof terrace"));

    assertThat(index.count()).isEqualTo(1);
    assertThat(index.search(search().q("loft").build()).total()).isZero();
    assertThat(index.search(search().q("penthouse").build()).items()).containsExactly(renamed);
  }

  @Test
  void manyDocumentsAreIndexedAtOnce() {
    List<ListingDocument> documents = IntStream.range(0, 30).mapToObj(i -> listing().build()).toList();

    index.indexAll(documents);
    index.indexAll(List.of());

    assertThat(index.count()).isEqualTo(30);
    assertThat(index.search(search().page(0, 100).build()).items()).containsExactlyInAnyOrderElementsOf(documents);
  }

  @Test
  void aRemovedDocumentIsGoneAndRemovingItAgainIsFine() {
    ListingDocument kept = index(listing());
    ListingDocument removed = index(listing());

    index.remove(removed.id());
    index.remove(removed.id());

    assertThat(index.count()).isEqualTo(1);
    assertThat(ids(search())).containsExactly(kept.id());
  }

  @Test
  void documentsNotIndexedSinceTheCutoffAreRemoved() {
    ListingDocument reindexed = index(listing());
    ListingDocument stale = index(listing());
    clock.advance(Duration.ofMinutes(1));
    Instant reindexStart = clock.instant();
    index.indexAll(List.of(reindexed));
    ListingDocument added = index(listing());

    assertThat(index.removeIndexedBefore(reindexStart)).isEqualTo(1);

    assertThat(ids(search())).containsExactlyInAnyOrder(reindexed.id(), added.id())
        .doesNotContain(stale.id());
    assertThat(index.removeIndexedBefore(reindexStart)).isZero();
  }

  @Test
  void expiredListingsAreNotFoundButStillCounted() {
    ListingDocument expired = index(listing().expiresAt(NOW.minusSeconds(1)));
    ListingDocument expiringTomorrow = index(listing().expiresAt(NOW.plus(Duration.ofDays(1))));
    ListingDocument neverExpiring = index(listing().expiresAt(null));

    assertThat(ids(search())).containsExactlyInAnyOrder(expiringTomorrow.id(), neverExpiring.id())
        .doesNotContain(expired.id());

    clock.advance(Duration.ofDays(2));
    assertThat(ids(search())).containsExactly(neverExpiring.id());
    assertThat(index.search(search().build()).facets().get(SearchResult.CITY)).containsExactly(entry("Berlin", 1L));
    assertThat(index.count()).isEqualTo(3);
  }

  private ListingDocument index(Listings listing) {
    ListingDocument document = listing.build();
    index.index(document);
    return document;
  }

  private List<UUID> ids(Searches search) {
    return ids(index.search(search.page(0, SearchQuery.MAX_SIZE).build()));
  }

  private static List<UUID> ids(SearchResult result) {
    return result.items().stream().map(ListingDocument::id).toList();
  }
}
