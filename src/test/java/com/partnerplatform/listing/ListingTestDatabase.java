package com.partnerplatform.listing;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The listing store on a migrated database: H2 in memory by default, or the database of
 * PLATFORM_IT_DATABASE_URL (PostgreSQL in CI). Data is never cleaned up; tests use fresh listing
 * ids so that they can run again on a persistent database.
 */
final class ListingTestDatabase {

  private static DataSource dataSource;

  final ListingStore listings = new ListingStore(JdbcClient.create(dataSource()));

  private static synchronized DataSource dataSource() {
    if (dataSource == null) {
      HikariDataSource pool = new HikariDataSource();
      String url = System.getenv("PLATFORM_IT_DATABASE_URL");
      if (url == null || url.isBlank()) {
        pool.setJdbcUrl("jdbc:h2:mem:listing-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        pool.setUsername("sa");
      } else {
        pool.setJdbcUrl(url);
        pool.setUsername(System.getenv("PLATFORM_IT_DATABASE_USERNAME"));
        pool.setPassword(System.getenv("PLATFORM_IT_DATABASE_PASSWORD"));
      }
      pool.setMaximumPoolSize(4);
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
      dataSource = pool;
    }
    return dataSource;
  }

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
