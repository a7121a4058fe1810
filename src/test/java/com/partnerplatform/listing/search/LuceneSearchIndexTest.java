package com.partnerplatform.listing.search;

import static com.partnerplatform.listing.search.Listings.listing;
import static com.partnerplatform.listing.search.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerplatform.platform.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/** The embedded engine against the contract, plus what is particular to an index in a directory. */
class LuceneSearchIndexTest extends SearchIndexContract {

  @TempDir
  Path dataDir;

  private LuceneSearchIndex lucene;

  @Override
  SearchIndex newIndex(MutableClock clock) {
    lucene = new LuceneSearchIndex(dataDir.resolve("search/lucene"), clock);
    return lucene;
  }

  @AfterEach
  void closeIndex() throws IOException {
    lucene.close();
  }

  @Test
  void documentsSurviveARestart() throws IOException {
    ListingDocument document = listing().build();
    lucene.index(document);
    lucene.close();

    lucene = new LuceneSearchIndex(dataDir.resolve("search/lucene"), clock);

    assertThat(lucene.search(search().build()).items()).containsExactly(document);
  }

  @Test
  void aDirectoryDeletedWhileStoppedIsAnEmptyIndexOnTheNextStart() throws IOException {
    lucene.index(listing().build());
    lucene.close();
    FileSystemUtils.deleteRecursively(dataDir.resolve("search"));

    lucene = new LuceneSearchIndex(dataDir.resolve("search/lucene"), clock);

    assertThat(lucene.count()).isZero();
    lucene.index(listing().build());
    assertThat(lucene.count()).isEqualTo(1);
  }

  @Test
  void aSecondIndexOnTheSameDirectoryIsRefused() {
    assertThatThrownBy(() -> new LuceneSearchIndex(dataDir.resolve("search/lucene"), clock))
        .isInstanceOf(SearchUnavailableException.class)
        .hasMessageContaining("search/lucene");
  }
}
