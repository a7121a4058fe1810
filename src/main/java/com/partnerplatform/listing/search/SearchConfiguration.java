package com.partnerplatform.listing.search;

import java.time.Clock;
import java.util.Locale;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link SearchIndex}, of the engine {@code platform.search.engine} chooses, closed on
 * shutdown, and its health contributor {@code search}. The contributor is not part of the readiness
 * group: listings are served from the database whether or not the search engine answers.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

  @Bean
  SearchIndex searchIndex(SearchProperties properties, Clock clock) {
    return switch (properties.engine()) {
      case LUCENE -> new LuceneSearchIndex(properties.lucene().directory(), clock);
      case OPENSEARCH -> OpenSearchSearchIndex.connect(properties.opensearch(), clock);
    };
  }

  @Bean
  SearchHealthIndicator searchHealthIndicator(SearchIndex searchIndex, SearchProperties properties) {
    return new SearchHealthIndicator(searchIndex, properties.engine());
  }

  /** UP with the engine and its number of documents; DOWN when the engine fails to count. */
  static class SearchHealthIndicator extends AbstractHealthIndicator {

    private final SearchIndex searchIndex;
    private final SearchProperties.Engine engine;

    SearchHealthIndicator(SearchIndex searchIndex, SearchProperties.Engine engine) {
      super("The search engine failed");
      this.searchIndex = searchIndex;
      this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      builder.withDetail("engine", engine.name().toLowerCase(Locale.ROOT));
      builder.up().withDetail("documents", searchIndex.count());
    }
  }
}
