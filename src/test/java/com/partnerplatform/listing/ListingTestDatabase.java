package com.partnerplatform.listing;

import com.partnerplatform.platform.MigratedTestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The listing store on the tests' migrated database; tests use fresh listing ids.
 */
final class ListingTestDatabase {

  final ListingStore listings = new ListingStore(JdbcClient.create(MigratedTestDatabase.dataSource()));

  /** A new draft of a random owner, submitted for review (as the API does before it starts the review). */
  UUID submitted(ListingContent content, Instant requestedExpiresAt) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    listings.insert(new Listing(id, UUID.randomUUID(), content, ListingStatus.DRAFT, false, null, null, null, null,
        null, requestedExpiresAt, null, null, null, null, null, now, now));
    if (!listings.beginReview(id, now)) {
      throw new IllegalStateException("listing " + id + " could not be submitted");
    }
    return id;
  }

  Listing find(UUID id) {
    return listings.find(id).orElseThrow();
  }
}
