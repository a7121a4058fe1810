package com.partnerplatform.analytics;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code reports} table. */
@Repository
class ReportStore {

  private static final String COLUMNS = "id, workflow_id, type, period_from, period_to, pdf_file, pdf_bytes, "
      + "csv_file, csv_bytes, created_at, emailed_at, email_note";

  private final JdbcClient jdbc;

  ReportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A stored report.
   *
   * @param pdfFile file name inside the reports directory
   */
  record StoredReport(UUID id, String workflowId, ReportType type, Instant from, Instant to, String pdfFile,
      long pdfBytes, String csvFile, long csvBytes, Instant createdAt, Instant emailedAt, String emailNote) {}

  void insert(StoredReport report) {
    jdbc.sql("insert into reports (" + COLUMNS + ") values (:id, :workflowId, :type, :from, :to, :pdfFile, "
            + ":pdfBytes, :csvFile, :csvBytes, :createdAt, null, null)")
        .param("id", report.id())
        .param("workflowId", report.workflowId())
        .param("type", report.type().key())
        .param("from", SqlTimestamps.of(report.from()))
        .param("to", SqlTimestamps.of(report.to()))
        .param("pdfFile", report.pdfFile())
        .param("pdfBytes", report.pdfBytes())
        .param("csvFile", report.csvFile())
        .param("csvBytes", report.csvBytes())
        .param("createdAt", SqlTimestamps.of(report.createdAt()))
        .update();
  }

  Optional<StoredReport> find(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from reports where id = :id").param("id", id)
        .query(ReportStore::report).optional();
  }

  void markEmailed(UUID id, Instant at, String note) {
    jdbc.sql("update reports set emailed_at = :at, email_note = :note where id = :id")
        .param("id", id)
        .param("at", SqlTimestamps.of(at))
        .param("note", note)
        .update();
  }

  /** Newest first. */
  List<StoredReport> page(int page, int size) {
    return jdbc.sql("select " + COLUMNS + " from reports order by created_at desc, id limit :size offset :offset")
        .param("size", size)
        .param("offset", (long) page * size)
        .query(ReportStore::report)
        .list();
  }

  long count() {
    return jdbc.sql("select count(*) from reports").query(Long.class).single();
  }

  private static StoredReport report(ResultSet rs, int row) throws SQLException {
    return new StoredReport(rs.getObject("id", UUID.class), rs.getString("workflow_id"),
        ReportType.fromKey(rs.getString("type")).orElseThrow(), SqlTimestamps.read(rs, "period_from"),
        SqlTimestamps.read(rs, "period_to"), rs.getString("pdf_file"), rs.getLong("pdf_bytes"),
        rs.getString("csv_file"), rs.getLong("csv_bytes"), SqlTimestamps.read(rs, "created_at"),
        SqlTimestamps.read(rs, "emailed_at"), rs.getString("email_note"));
  }
}
