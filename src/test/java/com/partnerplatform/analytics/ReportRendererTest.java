package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.partnerplatform.analytics.ReportFigures.Amount;
import com.partnerplatform.analytics.ReportFigures.Executions;
import com.partnerplatform.analytics.ReportFigures.Revenue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

  static final Instant FROM = Instant.parse("2026-11-25T08:00:00Z");
  static final Instant TO = Instant.parse("2026-11-26T08:00:00Z");

  static ReportFigures platformFigures() {
    return new ReportFigures(ReportType.PLATFORM, FROM, TO, TO,
        new ReportFigures.Users(42, 5, 17),
        new ReportFigures.Listings(9, 6, 2, 1, 3),
        new ReportFigures.Orders(12, 8, 3, 1, List.of(
            new Revenue("EUR", new BigDecimal("20.00"), new BigDecimal("0.00"), new BigDecimal("20.00")),
            new Revenue("USD", new BigDecimal("110.50"), new BigDecimal("10.50"), new BigDecimal("100.00")))),
        new ReportFigures.Subscriptions(4, 1, 0, 2, List.of(new Amount("USD", new BigDecimal("30.83")))),
        new ReportFigures.Workflows(true, null, List.of(new Executions("PaymentWorkflow", "completed", 7),
            new Executions("PaymentWorkflow", "failed", 1))));
  }

  @Test
  void thePdfCarriesEveryFigureAsExtractableText() throws IOException {
    byte[] pdf = ReportRenderer.pdf(platformFigures());

    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String text = text(pdf);
    assertThat(text).contains("Partner Platform platform report", "2026-11-25 08:00 UTC", "2026-11-26 08:00 UTC",
        "Activity in the period");
    for (ReportRenderer.Line line : ReportRenderer.lines(platformFigures())) {
      assertThat(figure(text, line.metric(), line.currency())).as(line.metric()).isEqualTo(line.value());
    }
    assertThat(figure(text, "Total users", null)).isEqualTo("42");
    assertThat(figure(text, "Net revenue", "USD")).isEqualTo("100.00");
    assertThat(figure(text, "PaymentWorkflow completed", null)).isEqualTo("7");
  }

  @Test
  void withoutVisibilityTheWorkflowSectionSaysWhy() throws IOException {
    ReportFigures figures = new ReportFigures(ReportType.PERFORMANCE, FROM, TO, TO, null, null, null, null,
        new ReportFigures.Workflows(false, "Not available: the in-memory engine has no visibility queries.",
            List.of()));

    assertThat(text(ReportRenderer.pdf(figures))).contains("in-memory engine has no visibility queries")
        .doesNotContain("Users");
  }

  @Test
  void theCsvHasOneLinePerFigure() {
    String csv = new String(ReportRenderer.csv(platformFigures()), StandardCharsets.UTF_8);

    assertThat(csv.lines()).first().isEqualTo("section,metric,currency,value");
    assertThat(csv.lines()).contains("users,Total users,,42", "revenue,Net revenue,USD,100.00",
        "subscriptions,Monthly recurring revenue,USD,30.83", "workflows,PaymentWorkflow failed,,1");
  }

  /** The value the PDF's table shows for a figure (text extraction joins a row's cells). */
  static String figure(String text, String metric, String currency) {
    Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(metric) + "\\s*"
        + (currency == null ? "" : Pattern.quote(currency) + "\\s*") + "(-?[0-9][0-9.]*)\\s*$").matcher(text);
    assertThat(matcher.find()).as("%s %s in%n%s", metric, currency, text).isTrue();
    return matcher.group(1);
  }

  static String text(byte[] pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf);
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    StringBuilder text = new StringBuilder();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      text.append(extractor.getTextFromPage(page)).append('\n');
    }
    return text.toString();
  }
}
