package com.partnerplatform.platform;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database of the store and activity tests, migrated once per JVM: H2 in memory by default,
 * or the database of PLATFORM_IT_DATABASE_URL (PostgreSQL in CI). Data is never cleaned up: tests
 * use fresh ids so that they can run again on a persistent database.
 */
public final class MigratedTestDatabase {

  private static DataSource dataSource;

  private MigratedTestDatabase() {}

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      HikariDataSource pool = new HikariDataSource();
      String url = System.getenv("PLATFORM_IT_DATABASE_URL");
      if (url == null || url.isBlank()) {
        // Stock updates of 20 concurrent orders queue for one row: give them time to.
        pool.setJdbcUrl("jdbc:h2:mem:unit-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        pool.setUsername("sa");
      } else {
        pool.setJdbcUrl(url);
        pool.setUsername(System.getenv("PLATFORM_IT_DATABASE_USERNAME"));
        pool.setPassword(System.getenv("PLATFORM_IT_DATABASE_PASSWORD"));
      }
      // The payment tests run 20 orders at once.
      pool.setMaximumPoolSize(24);
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
      dataSource = pool;
    }
    return dataSource;
  }
}
