package com.partnerplatform.analytics;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's report configuration.
 *
 * @param formats the formats a report is rendered in
 * @param maxSize the largest report attached to an e-mail; a larger one is sent as a link
 * @param directory where reports are stored; its {@code tmp} directory holds scratch files
 * @param recipients the addresses reports are e-mailed to; empty for every admin
 * @param maxPeriod the longest period one report covers
 */
@Validated
@ConfigurationProperties("platform.report")
public record ReportProperties(@NotEmpty List<String> formats, @NotNull DataSize maxSize, @NotNull Path directory,
    @NotNull List<String> recipients, @NotNull Duration maxPeriod) {

  /** Files being written (renamed into the directory when complete), or left over by a crash. */
  Path scratchDirectory() {
    return directory.resolve("tmp");
  }
}
