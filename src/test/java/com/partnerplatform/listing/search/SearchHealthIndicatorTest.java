package com.partnerplatform.listing.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerplatform.listing.search.SearchConfiguration.SearchHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SearchHealthIndicatorTest {

  private final SearchIndex searchIndex = mock(SearchIndex.class);
  private final SearchHealthIndicator indicator =
      new SearchHealthIndicator(searchIndex, SearchProperties.Engine.OPENSEARCH);

  @Test
  void anAnsweringEngineIsUpWithItsNumberOfDocuments() {
    when(searchIndex.count()).thenReturn(42L);

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("engine", "opensearch").containsEntry("documents", 42L);
  }

  @Test
  void aFailingEngineIsDown() {
    when(searchIndex.count()).thenThrow(new SearchUnavailableException("connection refused", null));

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("engine", "opensearch");
  }
}
