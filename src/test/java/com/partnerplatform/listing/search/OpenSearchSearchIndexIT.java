package com.partnerplatform.listing.search;

import static com.partnerplatform.listing.search.Listings.BERLIN_LAT;
import static com.partnerplatform.listing.search.Listings.BERLIN_LNG;
import static com.partnerplatform.listing.search.Listings.listing;
import static com.partnerplatform.listing.search.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerplatform.platform.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The OpenSearch adapter against the contract, on the real single-node OpenSearch of
 * {@link OpenSearchNode}. Each test gets an index of its own.
 */
class OpenSearchSearchIndexIT extends SearchIndexContract {

  private static final AtomicInteger INDEX_NUMBER = new AtomicInteger();
  private static URI url;
  private static OpenSearchClient admin;

  private OpenSearchSearchIndex opensearch;
  private String indexName;

  @BeforeAll
  static void connect() {
    url = OpenSearchNode.url();
    admin = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(
        new HttpHost("http", url.getHost(), url.getPort())).build());
  }

  @AfterAll
  static void disconnect() throws IOException {
    admin._transport().close();
  }

  @Override
  SearchIndex newIndex(MutableClock clock) {
    indexName = "listings-it-" + INDEX_NUMBER.incrementAndGet();
    opensearch = OpenSearchSearchIndex.connect(settings(url, indexName), clock);
    return opensearch;
  }

  @AfterEach
  void closeIndex() throws IOException {
    opensearch.close();
  }

  @Test
  void theIndexIsCreatedWithItsMappingOnTheFirstWriteAndAgainAfterADeletionByHand() throws IOException {
    assertThat(indexExists()).isFalse();
    opensearch.search(search().build());
    opensearch.remove(UUID.randomUUID());
    assertThat(indexExists()).as("reads and removals create nothing").isFalse();

    opensearch.index(listing().build());
    assertThat(mappingOf("location").isGeoPoint()).isTrue();

    admin.indices().delete(request -> request.index(indexName));
    assertThat(opensearch.search(search().build()).total()).isZero();
    assertThat(opensearch.count()).isZero();

    ListingDocument again = listing().build();
    opensearch.index(again);
    assertThat(mappingOf("location").isGeoPoint()).isTrue();
    assertThat(opensearch.search(search().near(BERLIN_LAT, BERLIN_LNG, 1.0).build()).items()).containsExactly(again);
  }

  @Test
  void anUnreachableEngineFailsEveryCall() throws IOException {
    URI nobodyListening = URI.create("http://127.0.0.1:" + OpenSearchNode.freePort());
    try (OpenSearchSearchIndex unreachable =
        OpenSearchSearchIndex.connect(settings(nobodyListening, indexName), clock)) {
      assertThatThrownBy(() -> unreachable.index(listing().build())).isInstanceOf(SearchUnavailableException.class);
      assertThatThrownBy(() -> unreachable.search(search().build())).isInstanceOf(SearchUnavailableException.class);
      assertThatThrownBy(unreachable::count).isInstanceOf(SearchUnavailableException.class);
      assertThatThrownBy(() -> unreachable.remove(UUID.randomUUID())).isInstanceOf(SearchUnavailableException.class);
    }
  }

  private static SearchProperties.OpenSearch settings(URI url, String index) {
    return new SearchProperties.OpenSearch(url, null, null, index, Duration.ofSeconds(30));
  }

  private boolean indexExists() throws IOException {
    return admin.indices().exists(request -> request.index(indexName)).value();
  }

  private Property mappingOf(String field) throws IOException {
    return admin.indices().getMapping(request -> request.index(indexName))
        .get(indexName).mappings().properties().get(field);
  }
}
