package com.partnerplatform.listing;

import static com.partnerplatform.listing.TestContent.content;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.listing.ListingRules.QualityReport;
import com.partnerplatform.listing.SearchReindexWorkflow.ReindexResult;
import com.partnerplatform.listing.search.ListingDocument;
import com.partnerplatform.listing.search.LuceneSearchIndex;
import com.partnerplatform.listing.search.SearchQuery;
import com.partnerplatform.listing.search.SearchResult;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reindex over the listing store (H2, or PostgreSQL with PLATFORM_IT_DATABASE_URL) and a real
 * Lucene index: live listings go back in, what no live listing backs goes out, and a retried pass
 * goes on from its last heartbeat.
 */
class SearchReindexTest {

  private final ListingTestDatabase db = new ListingTestDatabase();
  /** In the titles of this test's listings only: the database may hold many other live listings. */
  private final String marker = "reindex" + UUID.randomUUID().toString().replace("-", "");
  private LuceneSearchIndex index;
  private TestWorkflowEnvironment env;

  @TempDir
  Path directory;

  @AfterEach
  void close() throws Exception {
    if (env != null) {
      env.close();
    }
    if (index != null) {
      index.close();
    }
  }

  @Test
  void aLostIndexGetsEveryLiveListingBackAndLosesWhatNoLiveListingBacks() {
    index = new LuceneSearchIndex(directory, Clock.systemUTC());
    List<UUID> live = List.of(approved(), approved(), approved());
    UUID ended = approved();
    db.listings.markExpired(ended, Instant.now(), Instant.now());
    UUID stale = UUID.randomUUID();
    index.index(document(stale));

    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(ListingWorkflowTesting.LISTINGS_QUEUE);
    worker.registerWorkflowImplementationTypes(SearchReindexWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ReindexActivitiesImpl(db.listings, index, Clock.systemUTC()));
    env.start();
    SearchReindexWorkflow reindex = env.getWorkflowClient().newWorkflowStub(SearchReindexWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ListingWorkflowIds.REINDEX)
            .setTaskQueue(ListingWorkflowTesting.LISTINGS_QUEUE)
            .build());

    ReindexResult result = reindex.run();

    assertThat(indexed()).containsAll(live).doesNotContain(ended, stale);
    assertThat(result.indexed()).as("every live listing of the database").isGreaterThanOrEqualTo(live.size());
    assertThat(result.removed()).isEqualTo(1);
    ListingWorkflowTesting.record(env.getWorkflowClient().fetchHistory(ListingWorkflowIds.REINDEX), "reindex");
  }

  @Test
  void aRetriedPassGoesOnAfterTheLastListingItsPredecessorReported() {
    index = new LuceneSearchIndex(directory, Clock.systemUTC());
    List<UUID> mine = List.of(approved(), approved(), approved()).stream()
        // The database orders uuids by their bytes, as their text does (UUID.compareTo is signed).
        .sorted(Comparator.comparing(UUID::toString))
        .toList();
    Instant startedBefore = Instant.now().minusSeconds(60);
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    activities.registerActivitiesImplementations(new ReindexActivitiesImpl(db.listings, index, Clock.systemUTC()));
    activities.setHeartbeatDetails(new ReindexActivities.Pass(startedBefore, mine.get(0), 41));

    ReindexActivities.Pass pass = activities.newActivityStub(ReindexActivities.class).indexLiveListings();

    assertThat(pass.startedAt()).as("the pass keeps its start").isEqualTo(startedBefore);
    assertThat(pass.indexed()).isGreaterThanOrEqualTo(41 + 2);
    assertThat(indexed()).contains(mine.get(1), mine.get(2)).doesNotContain(mine.get(0));
    activities.close();
  }

  @Test
  void replaysARecordedReindex() throws Exception {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(ListingWorkflowTesting.LISTINGS_QUEUE);
    worker.registerWorkflowImplementationTypes(SearchReindexWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource("listing/reindex-history.json", worker);
  }

  /** A listing approved now and live for 30 days. */
  private UUID approved() {
    UUID id = db.submitted(content().title("Harbour flat " + marker).images(TestContent.images(5)).build(), null);
    Instant now = Instant.now();
    db.listings.markPendingReview(id, new QualityReport(BigDecimal.ONE, List.of(), true), now, now);
    db.listings.markApproved(id, "fine", null, now.plus(Duration.ofDays(30)), now);
    return id;
  }

  private Set<UUID> indexed() {
    SearchResult all = index.search(new SearchQuery(marker, null, null, null, null, null, null, null, null, null,
        null, 0, 100));
    return all.items().stream().map(ListingDocument::id).collect(Collectors.toSet());
  }

  private ListingDocument document(UUID id) {
    return new ListingDocument(id, UUID.randomUUID(), "Stale listing " + marker, "Nothing backs this one any more",
        BigDecimal.TEN, "EUR", "apartment", null, "Faro", "Algarve", "PT", null, null, null, 1, 1, 40.0, List.of(),
        0.9, Instant.now(), Instant.now().plus(Duration.ofDays(1)));
  }
}
