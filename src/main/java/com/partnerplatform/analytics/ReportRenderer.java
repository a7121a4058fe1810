package com.partnerplatform.analytics;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import com.partnerplatform.analytics.ReportFigures.Amount;
import com.partnerplatform.analytics.ReportFigures.Executions;
import com.partnerplatform.analytics.ReportFigures.Revenue;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a report's figures as a PDF (one table per section and a bar chart of the period's
 * activity) and as CSV lines {@code section,metric,currency,value}. Both carry the same figures,
 * labelled the same way.
 */
final class ReportRenderer {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13);
  private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
  private static final Font HEADER_CELL = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
  private static final Color BAR = new Color(46, 110, 180);

  private ReportRenderer() {}

  /** One labelled figure of a section, e.g. (users, "Total users", null, 42). */
  record Line(String section, String metric, String currency, String value) {}

  static List<Line> lines(ReportFigures figures) {
    List<Line> lines = new ArrayList<>();
    if (figures.users() != null) {
      lines.add(new Line("users", "Total users", null, Long.toString(figures.users().total())));
      lines.add(new Line("users", "New users", null, Long.toString(figures.users().created())));
      lines.add(new Line("users", "Active users", null, Long.toString(figures.users().active())));
    }
    if (figures.listings() != null) {
      lines.add(new Line("listings", "Listings submitted", null, Long.toString(figures.listings().submitted())));
      lines.add(new Line("listings", "Listings approved", null, Long.toString(figures.listings().approved())));
      lines.add(new Line("listings", "Listings rejected", null, Long.toString(figures.listings().rejected())));
      lines.add(new Line("listings", "Listings expired", null, Long.toString(figures.listings().expired())));
      lines.add(new Line("listings", "Listings pending review", null, Long.toString(figures.listings().pending())));
    }
    if (figures.orders() != null) {
      lines.add(new Line("orders", "Orders placed", null, Long.toString(figures.orders().placed())));
      lines.add(new Line("orders", "Orders paid", null, Long.toString(figures.orders().paid())));
      lines.add(new Line("orders", "Orders failed", null, Long.toString(figures.orders().failed())));
      lines.add(new Line("orders", "Orders refunded", null, Long.toString(figures.orders().refunded())));
      for (Revenue revenue : figures.orders().revenue()) {
        lines.add(new Line("revenue", "Charged", revenue.currency(), revenue.charged().toPlainString()));
        lines.add(new Line("revenue", "Refunded", revenue.currency(), revenue.refunded().toPlainString()));
        lines.add(new Line("revenue", "Net revenue", revenue.currency(), revenue.net().toPlainString()));
      }
    }
    if (figures.subscriptions() != null) {
      lines.add(new Line("subscriptions", "Active subscriptions", null,
          Long.toString(figures.subscriptions().active())));
      lines.add(new Line("subscriptions", "Past due subscriptions", null,
          Long.toString(figures.subscriptions().pastDue())));
      lines.add(new Line("subscriptions", "Paused subscriptions", null,
          Long.toString(figures.subscriptions().paused())));
      lines.add(new Line("subscriptions", "Suspended subscriptions", null,
          Long.toString(figures.subscriptions().suspended())));
      for (Amount mrr : figures.subscriptions().monthlyRecurringRevenue()) {
        lines.add(new Line("subscriptions", "Monthly recurring revenue", mrr.currency(), mrr.amount().toPlainString()));
      }
    }
    if (figures.workflows() != null && figures.workflows().available()) {
      for (Executions executions : figures.workflows().executions()) {
        lines.add(new Line("workflows", executions.workflowType() + " " + executions.status(), null,
            Long.toString(executions.count())));
      }
    }
    return lines;
  }

  static byte[] csv(ReportFigures figures) {
    StringBuilder csv = new StringBuilder("section,metric,currency,value\n");
    for (Line line : lines(figures)) {
      csv.append(line.section()).append(',').append(quoted(line.metric())).append(',')
          .append(line.currency() == null ? "" : line.currency()).append(',').append(line.value()).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quoted(String value) {
    return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  static byte[] pdf(ReportFigures figures) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 48, 48, 56, 56);
    PdfWriter writer = PdfWriter.getInstance(document, out);
    document.addTitle("Partner Platform " + figures.type().key() + " report");
    document.addCreator("Partner Platform");
    document.open();
    document.add(new Paragraph("Partner Platform " + figures.type().key() + " report", TITLE));
    document.add(new Paragraph("Period: " + TIME.format(figures.from()) + " to " + TIME.format(figures.to())
        + " (end excluded). Counts marked \"now\" as of " + TIME.format(figures.takenAt()) + ".", BODY));

    Map<String, List<Line>> sections = new TreeMap<>();
    List<String> order = new ArrayList<>();
    for (Line line : lines(figures)) {
      if (!sections.containsKey(line.section())) {
        order.add(line.section());
      }
      sections.computeIfAbsent(line.section(), section -> new ArrayList<>()).add(line);
    }
    for (String section : order) {
      document.add(new Paragraph(" "));
      document.add(new Paragraph(heading(section), HEADING));
      document.add(table(sections.get(section)));
    }
    if (figures.workflows() != null && !figures.workflows().available()) {
      document.add(new Paragraph(" "));
      document.add(new Paragraph(heading("workflows"), HEADING));
      document.add(new Paragraph(figures.workflows().note(), BODY));
    } else if (figures.workflows() != null && figures.workflows().note() != null) {
      document.add(new Paragraph(figures.workflows().note(), BODY));
    }

    List<Line> bars = chartBars(figures);
    if (!bars.isEmpty()) {
      document.newPage();
      document.add(new Paragraph("Activity in the period", HEADING));
      drawChart(writer.getDirectContent(), bars, document.left(), document.top() - 340, document.right() - document.left(),
          300);
    }
    document.close();
    return out.toByteArray();
  }

  private static String heading(String section) {
    return switch (section) {
      case "users" -> "Users";
      case "listings" -> "Listings";
      case "orders" -> "Orders placed in the period";
      case "revenue" -> "Revenue in the period";
      case "subscriptions" -> "Subscriptions now";
      default -> "Workflow executions started in the period";
    };
  }

  private static PdfPTable table(List<Line> lines) {
    boolean money = lines.stream().anyMatch(line -> line.currency() != null);
    PdfPTable table = new PdfPTable(money ? new float[] {5, 1.2f, 2} : new float[] {5, 2});
    table.setWidthPercentage(100);
    table.setSpacingBefore(4);
    header(table, "Figure");
    if (money) {
      header(table, "Currency");
    }
    header(table, "Value");
    for (Line line : lines) {
      table.addCell(new Phrase(line.metric(), BODY));
      if (money) {
        table.addCell(new Phrase(line.currency() == null ? "" : line.currency(), BODY));
      }
      PdfPCell value = new PdfPCell(new Phrase(line.value(), BODY));
      value.setHorizontalAlignment(Element.ALIGN_RIGHT);
      table.addCell(value);
    }
    return table;
  }

  private static void header(PdfPTable table, String text) {
    PdfPCell cell = new PdfPCell(new Phrase(text, HEADER_CELL));
    cell.setBackgroundColor(new Color(230, 236, 245));
    table.addCell(cell);
  }

  /** The counts of the period, or the executions per status when the report has only those. */
  private static List<Line> chartBars(ReportFigures figures) {
    List<Line> bars = new ArrayList<>(lines(figures).stream()
        .filter(line -> line.currency() == null && !line.section().equals("workflows")
            && !line.metric().startsWith("Total") && !line.section().equals("subscriptions")
            && !line.metric().endsWith("pending review"))
        .toList());
    if (bars.isEmpty() && figures.workflows() != null && figures.workflows().available()) {
      Map<String, Long> byStatus = new TreeMap<>();
      figures.workflows().executions().forEach(executions ->
          byStatus.merge(executions.status(), executions.count(), Long::sum));
      byStatus.forEach((status, count) -> bars.add(new Line("workflows", status, null, Long.toString(count))));
    }
    return bars;
  }

  /** A horizontal bar per figure, scaled to the largest, drawn straight onto the page. */
  private static void drawChart(PdfContentByte canvas, List<Line> bars, float x, float y, float width, float height) {
    BaseFont font;
    try {
      font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a font built into every PDF reader and into OpenPDF
    }
    float labelWidth = 150;
    float rowHeight = Math.min(28, height / bars.size());
    float barHeight = rowHeight * 0.6f;
    long max = Math.max(1, bars.stream().mapToLong(bar -> Long.parseLong(bar.value())).max().orElse(1));
    float top = y + height;
    canvas.saveState();
    canvas.setLineWidth(0.5f);
    canvas.moveTo(x + labelWidth, top);
    canvas.lineTo(x + labelWidth, top - rowHeight * bars.size());
    canvas.stroke();
    for (int i = 0; i < bars.size(); i++) {
      Line bar = bars.get(i);
      float rowBottom = top - rowHeight * (i + 1);
      float length = (width - labelWidth - 50) * Long.parseLong(bar.value()) / max;
      canvas.setColorFill(BAR);
      canvas.rectangle(x + labelWidth, rowBottom + (rowHeight - barHeight) / 2, Math.max(length, 0.5f), barHeight);
      canvas.fill();
      canvas.setColorFill(Color.BLACK);
      canvas.beginText();
      canvas.setFontAndSize(font, 9);
      canvas.showTextAligned(Element.ALIGN_LEFT, bar.metric(), x, rowBottom + rowHeight / 2 - 3, 0);
      canvas.showTextAligned(Element.ALIGN_LEFT, bar.value(), x + labelWidth + length + 4,
          rowBottom + rowHeight / 2 - 3, 0);
      canvas.endText();
    }
    canvas.restoreState();
  }
}
