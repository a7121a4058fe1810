package com.partnerplatform.platform;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What this process does and where it keeps local state.
 *
 * @param role {@code all} serves the API and runs workers, {@code api} only serves the API,
 *     {@code worker} only runs workers (plus actuator)
 * @param dataDir the directory for the embedded database, the dev server's SQLite file and the
 *     generated signing secret
 */
@Validated
@ConfigurationProperties("platform")
public record PlatformProperties(@NotNull Role role, @NotNull Path dataDir) {

  public enum Role {
    ALL,
    API,
    WORKER;

    public boolean servesApi() {
      return this != WORKER;
    }

    public boolean runsWorkers() {
      return this != API;
    }
  }
}
