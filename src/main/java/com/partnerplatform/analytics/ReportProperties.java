package com.partnerplatform.analytics;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The seed's report configuration.
 *
 * @param formats the formats a report is rendered in
 * @param maxSize the largest report that is stored or attached to an e-mail
 */
@Validated
@ConfigurationProperties("platform.report")
public record ReportProperties(@NotEmpty List<String> formats, @NotNull DataSize maxSize) {}
