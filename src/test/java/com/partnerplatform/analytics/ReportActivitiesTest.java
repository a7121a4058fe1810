package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.partnerplatform.platform.mail.MailSettings;
import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.temporal.TemporalMode;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.unit.DataSize;

/** Storing and e-mailing reports: the database, a reports directory and a real SMTP server (GreenMail). */
class ReportActivitiesTest {

  private static final String RECIPIENT = "reports@example.com";

  @TempDir
  Path directory;

  private final AnalyticsTestDatabase db = new AnalyticsTestDatabase();
  private final ReportStore reports = new ReportStore(db.jdbc);
  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void aReportIsStoredOnceAndEmailedOnceWithItsPdf() throws Exception {
    ReportActivities activities = activities(DataSize.ofMegabytes(50));
    UUID reportId = UUID.randomUUID();

    ReportActivities.StoredFiles first = activities.store(reportId, "report-" + reportId,
        ReportRendererTest.platformFigures());
    ReportActivities.StoredFiles again = activities.store(reportId, "report-" + reportId,
        ReportRendererTest.platformFigures());
    String note = activities.email(reportId);
    String noteAgain = activities.email(reportId);

    assertThat(again).isEqualTo(first);
    ReportStore.StoredReport stored = reports.find(reportId).orElseThrow();
    assertThat(Files.readAllBytes(directory.resolve(stored.pdfFile()))).hasSize((int) first.pdfBytes())
        .startsWith("%PDF".getBytes());
    assertThat(Files.readString(directory.resolve(stored.csvFile()))).startsWith("section,metric,currency,value");
    try (var files = Files.list(directory.resolve("tmp"))) {
      assertThat(files).as("no scratch file is left behind").isEmpty();
    }
    assertThat(note).isEqualTo(noteAgain).contains(RECIPIENT, "attached");
    assertThat(reports.find(reportId).orElseThrow().emailedAt()).isNotNull();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).contains("platform report");
    assertThat(attachmentNames(received[0])).containsExactly(stored.pdfFile());
  }

  @Test
  void aReportOverTheSizeLimitIsEmailedWithoutItsAttachmentAndSaysSo() throws Exception {
    ReportActivities activities = activities(DataSize.ofBytes(100));
    UUID reportId = UUID.randomUUID();
    activities.store(reportId, "report-" + reportId, ReportRendererTest.platformFigures());

    String note = activities.email(reportId);

    assertThat(note).contains("without the PDF");
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getContent().toString()).contains("exceeds the e-mail limit", "/download?format=pdf");
  }

  private ReportActivities activities(DataSize maxSize) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    AnalyticsMail mail = new AnalyticsMail(sender,
        new MailSettings(false, 0, "no-reply@partner-platform.test", "http://localhost:8080"), db.jdbc);
    ReportProperties properties = new ReportProperties(List.of("pdf", "csv"), maxSize, directory, List.of(RECIPIENT),
        Duration.ofDays(366));
    return new ReportActivitiesImpl(new ReportQueries(db.jdbc), reports, properties, mail, null,
        new TemporalEngine(TemporalMode.IN_MEMORY, "in-process", "default", null), Clock.systemUTC());
  }

  private static List<String> attachmentNames(MimeMessage message) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).getFileName() != null) {
        names.add(parts.getBodyPart(i).getFileName());
      }
    }
    return names;
  }
}
