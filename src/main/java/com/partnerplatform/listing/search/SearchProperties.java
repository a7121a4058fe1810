package com.partnerplatform.listing.search;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The search engine of published listings.
 *
 * @param engine {@code lucene} (embedded, the local default) or {@code opensearch}
 * @param lucene where the embedded index lives
 * @param opensearch the OpenSearch cluster, used when {@code engine} is {@code opensearch}
 */
@Validated
@ConfigurationProperties("platform.search")
public record SearchProperties(
    @NotNull Engine engine,
    @NotNull @Valid Lucene lucene,
    @NotNull @Valid OpenSearch opensearch) {

  public enum Engine {
    LUCENE,
    OPENSEARCH
  }

  /** @param directory the index directory; deleting it while the application is stopped empties the index */
  public record Lucene(@NotNull Path directory) {}

  /**
   * @param url the REST endpoint, http or https
   * @param username for basic authentication; none if empty
   * @param password for basic authentication
   * @param index the index name
   * @param timeout how long connecting, and then waiting for an answer, may each take
   */
  public record OpenSearch(
      @NotNull URI url,
      String username,
      String password,
      @DefaultValue("listings")
      @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be a lower-case OpenSearch index name")
      String index,
      @DefaultValue("30s") @NotNull Duration timeout) {

    @Override
    public String toString() {
      return "OpenSearch[url=" + url + ", username=" + username + ", index=" + index + "]"; // no password in logs
    }
  }
}
