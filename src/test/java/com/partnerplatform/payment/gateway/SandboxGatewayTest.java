package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.partnerplatform.payment.PaymentProperties;
import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeLookup;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeRequest;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.payment.gateway.PaymentGateway.RefundRequest;
import com.partnerplatform.platform.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sandbox answers like a gateway in test mode, like one remembers idempotency keys, and shows
 * its book; its faults are switched by files.
 */
class SandboxGatewayTest {

  private static final BigDecimal AMOUNT = new BigDecimal("25.00");
  private static final Duration GATEWAY_TIMEOUT = Duration.ofMinutes(2);
  private static JdbcClient jdbc;

  private final SandboxGateway gateway = new SandboxGateway(jdbc, Clock.systemUTC(), properties(GATEWAY_TIMEOUT),
      "", "", "");
  private final Logger log = (Logger) LoggerFactory.getLogger(SandboxGateway.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  @TempDir
  private Path faults;

  @BeforeAll
  static void migrate() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sandbox-gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(h2);
  }

  @BeforeEach
  void captureLog() {
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    log.detachAppender(logged);
  }

  @Test
  void theSucceedingTestCardIsChargedOncePerKey() {
    String key = key();
    GatewayResult first = gateway.charge(card(key, SandboxGateway.SUCCEEDS));

    GatewayResult again = gateway.charge(card(key, "4242 4242 4242 4242"));

    assertThat(first.reference()).startsWith("sandbox_ch_");
    assertThat(again).isEqualTo(first);
    assertThat(gateway.charge(card(key(), SandboxGateway.SUCCEEDS))).isNotEqualTo(first);
  }

  @Test
  void decliningCardsGiveStripesDeclineCodesAndTheSameAnswerForTheSameKey() {
    String key = key();

    PaymentDeclinedException declined = declineOf(card(key, SandboxGateway.DECLINED));
    PaymentDeclinedException again = declineOf(card(key, SandboxGateway.DECLINED));

    assertThat(declined.declineCode()).isEqualTo("card_declined");
    assertThat(declined.retryable()).isFalse();
    assertThat(again.declineCode()).isEqualTo("card_declined");
    assertThat(declineOf(card(key(), SandboxGateway.INSUFFICIENT_FUNDS)).declineCode()).isEqualTo("insufficient_funds");
    assertThat(declineOf(card(key(), "1234567812345678")).declineCode()).isEqualTo("incorrect_number");
  }

  @Test
  void theProcessingErrorCardFailsTransientlyAndIsNotRemembered() {
    String key = key();

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> gateway.charge(card(key, SandboxGateway.PROCESSING_ERROR)));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isTrue();
    assertThat(requests(key)).isZero();
  }

  @Test
  void whileTheOutageFileExistsEveryRequestFailsTransientlyAndNothingIsCharged() throws Exception {
    Path outage = faults.resolve("outage");
    SandboxGateway switchable = new SandboxGateway(jdbc, Clock.systemUTC(), properties(GATEWAY_TIMEOUT),
        outage.toString(), "", "");
    String key = key();
    Files.createFile(outage);

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> switchable.charge(card(key, SandboxGateway.SUCCEEDS)));

    assertThat(failure.retryable()).isTrue();
    assertThat(requests(key)).isZero();
    assertThat(infoLogged()).anyMatch(line -> line.contains("outage switched on"));
    Files.delete(outage);
    assertThat(switchable.charge(card(key, SandboxGateway.SUCCEEDS)).reference()).startsWith("sandbox_ch_");
  }

  @Test
  void otherPaymentMethodsSucceed() {
    GatewayResult charged = gateway.charge(new ChargeRequest(key(), AMOUNT, "INR", "upi", "user@bank", "test"));

    assertThat(charged.reference()).startsWith("sandbox_ch_");
  }

  @Test
  void reusingAKeyWithOtherParametersIsRefused() {
    String key = key();
    gateway.charge(card(key, SandboxGateway.SUCCEEDS));

    GatewayException refused = catchThrowableOfType(GatewayException.class, () -> gateway.charge(
        new ChargeRequest(key, new BigDecimal("99.00"), "USD", "card", SandboxGateway.SUCCEEDS, "test")));

    assertThat(refused.retryable()).isFalse();
    assertThat(refused.getMessage()).contains("same parameters");
  }

  @Test
  void aLostAnswerIsTransientButTheChargeHappenedAndARetryLearnsIt() {
    String key = key();
    gateway.failTransiently(key, 1);

    GatewayException lost = catchThrowableOfType(GatewayException.class,
        () -> gateway.charge(card(key, SandboxGateway.SUCCEEDS)));
    GatewayResult retried = gateway.charge(card(key, SandboxGateway.SUCCEEDS));

    assertThat(lost.retryable()).isTrue();
    assertThat(jdbc.sql("select reference from sandbox_gateway_requests where idempotency_key = :key")
        .param("key", key).query(String.class).single()).isEqualTo(retried.reference());
  }

  @Test
  void aChargeIsRefundedOnceAndOnlyUpToItsAmount() {
    String charge = gateway.charge(card(key(), SandboxGateway.SUCCEEDS)).reference();
    String refundKey = key();

    GatewayResult refund = gateway.refund(new RefundRequest(refundKey, charge, AMOUNT, "USD"));

    assertThat(refund.reference()).startsWith("sandbox_re_");
    assertThat(gateway.refund(new RefundRequest(refundKey, charge, AMOUNT, "USD"))).isEqualTo(refund);
    assertThat(refusal(new RefundRequest(key(), charge, AMOUNT, "USD"))).contains("charge_already_refunded");
    String other = gateway.charge(card(key(), SandboxGateway.SUCCEEDS)).reference();
    assertThat(refusal(new RefundRequest(key(), other, new BigDecimal("25.01"), "USD"))).contains("amount_too_large");
    assertThat(refusal(new RefundRequest(key(), "sandbox_ch_unknown", AMOUNT, "USD"))).contains("resource_missing");
  }

  @Test
  void theBookShowsEachChargeTakenWithWhatOfItWasRefunded() {
    MutableClock clock = new MutableClock(Instant.parse("2091-03-04T10:00:00Z").plusSeconds(randomSeconds()));
    SandboxGateway booking = new SandboxGateway(jdbc, clock, properties(GATEWAY_TIMEOUT), "", "", "");
    Instant since = clock.instant();
    booking.charge(card(key(), SandboxGateway.SUCCEEDS)); // before: outside the list
    clock.advance(Duration.ofSeconds(1));
    String refundedKey = key();
    String refunded = booking.charge(card(refundedKey, SandboxGateway.SUCCEEDS)).reference();
    booking.refund(new RefundRequest(key(), refunded, new BigDecimal("10.00"), "USD"));
    clock.advance(Duration.ofSeconds(1));
    String keptKey = key();
    String kept = booking.charge(new ChargeRequest(keptKey, new BigDecimal("7.50"), "INR", "upi", "u@bank", "t"))
        .reference();
    String declinedKey = key();
    declineOf(card(declinedKey, SandboxGateway.DECLINED));

    assertThat(booking.findCharge(lookup(refundedKey))).hasValue(new BookedCharge(refundedKey, refunded, AMOUNT,
        "USD", new BigDecimal("10.00"), since.plusSeconds(1)));
    assertThat(booking.findCharge(lookup(keptKey))).get()
        .satisfies(charge -> assertThat(charge.refunded()).isZero());
    assertThat(booking.findCharge(lookup(declinedKey))).isEmpty();
    assertThat(booking.findCharge(lookup(key()))).isEmpty();
    assertThat(booking.chargesSince(since.plusMillis(500)))
        .extracting(BookedCharge::idempotencyKey, BookedCharge::reference, BookedCharge::amount,
            BookedCharge::refunded)
        .containsExactly(
            tuple(refundedKey, refunded, AMOUNT, new BigDecimal("10.00")),
            tuple(keptKey, kept, new BigDecimal("7.50"), BigDecimal.ZERO));
  }

  @Test
  void whileTheLostAnswerFileExistsEveryChargeIsBookedButAnsweredWithATransientError() throws Exception {
    Path lostAnswers = Files.createFile(faults.resolve("lost-answers"));
    SandboxGateway losing = new SandboxGateway(jdbc, Clock.systemUTC(), properties(GATEWAY_TIMEOUT), "", "",
        lostAnswers.toString());
    String key = key();

    GatewayException lost = catchThrowableOfType(GatewayException.class,
        () -> losing.charge(card(key, SandboxGateway.SUCCEEDS)));
    GatewayException lostAgain = catchThrowableOfType(GatewayException.class,
        () -> losing.charge(card(key, SandboxGateway.SUCCEEDS)));

    assertThat(lost.retryable()).isTrue();
    assertThat(lostAgain.retryable()).isTrue();
    assertThat(requests(key)).isOne();
    BookedCharge booked = losing.findCharge(lookup(key)).orElseThrow();
    assertThat(losing.chargesSince(booked.createdAt())).contains(booked);
    GatewayResult refund = losing.refund(new RefundRequest(key(), booked.reference(), AMOUNT, "USD"));
    assertThat(refund.reference()).startsWith("sandbox_re_");
    assertThat(infoLogged()).filteredOn(line -> line.contains("answer lost (lost-answer file)")).hasSize(2);
    Files.delete(lostAnswers);
    assertThat(losing.charge(card(key, SandboxGateway.SUCCEEDS)).reference()).isEqualTo(booked.reference());
  }

  @Test
  void whileTheLatencyFileExistsEveryRequestIsAnsweredAfterItsSeconds() throws Exception {
    Path latency = Files.writeString(faults.resolve("latency"), "0.4\n");
    SandboxGateway slow = new SandboxGateway(jdbc, Clock.systemUTC(), properties(Duration.ofSeconds(30)), "",
        latency.toString(), "");
    String key = key();

    String reference = answeredAfter(Duration.ofMillis(400), () -> slow.charge(card(key, SandboxGateway.SUCCEEDS)))
        .reference();
    answeredAfter(Duration.ofMillis(400), () -> slow.findCharge(lookup(key)));
    answeredAfter(Duration.ofMillis(400), () -> slow.chargesSince(Instant.now()));
    answeredAfter(Duration.ofMillis(400), () -> slow.refund(new RefundRequest(key(), reference, AMOUNT, "USD")));

    assertThat(infoLogged()).filteredOn(line -> line.contains("latency switched on")).hasSize(4);
    Files.delete(latency);
    assertThat(slow.findCharge(lookup(key))).get().extracting(BookedCharge::refunded).isEqualTo(AMOUNT);
  }

  @Test
  void aLatencyBeyondTheGatewayTimeoutAnswersWithATransientErrorAtThatTimeoutButTheChargeIsBooked() throws Exception {
    Path latency = Files.writeString(faults.resolve("latency"), "30");
    Duration gatewayTimeout = Duration.ofMillis(300);
    SandboxGateway slow = new SandboxGateway(jdbc, Clock.systemUTC(), properties(gatewayTimeout), "",
        latency.toString(), "");
    String key = key();
    long started = System.nanoTime();

    GatewayException timedOut = catchThrowableOfType(GatewayException.class,
        () -> slow.charge(card(key, SandboxGateway.SUCCEEDS)));

    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    assertThat(timedOut.retryable()).isTrue();
    assertThat(timedOut.getMessage()).contains("no answer within platform.payment.gateway-timeout");
    // At the gateway timeout, not after the 30 s of latency.
    assertThat(waited).isGreaterThanOrEqualTo(gatewayTimeout).isLessThan(Duration.ofSeconds(20));
    assertThat(requests(key)).isOne();
    assertThat(infoLogged()).anyMatch(line -> line.contains("no answer within platform.payment.gateway-timeout"));
    Files.delete(latency);
    assertThat(slow.findCharge(lookup(key))).get().extracting(BookedCharge::amount).isEqualTo(AMOUNT);
  }

  @Test
  void aLatencyFileWithoutANumberIsWarnedAboutOnceAndDelaysNothing() throws Exception {
    Path latency = Files.writeString(faults.resolve("latency"), "7.5s");
    // Were 7.5 s of latency read from it, a charge would time out.
    SandboxGateway slow = new SandboxGateway(jdbc, Clock.systemUTC(), properties(Duration.ofSeconds(1)), "",
        latency.toString(), "");

    slow.charge(card(key(), SandboxGateway.SUCCEEDS));
    slow.charge(card(key(), SandboxGateway.SUCCEEDS));

    assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(event -> assertThat(event.getFormattedMessage()).contains("'7.5s'"));
  }

  private String refusal(RefundRequest request) {
    GatewayException refused = catchThrowableOfType(GatewayException.class, () -> gateway.refund(request));
    assertThat(refused.retryable()).isFalse();
    return refused.getMessage();
  }

  private <T> T answeredAfter(Duration latency, Supplier<T> request) {
    long started = System.nanoTime();
    T answer = request.get();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);
    return answer;
  }

  private List<String> infoLogged() {
    return logged.list.stream()
        .filter(event -> event.getLevel() == Level.INFO)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static long requests(String key) {
    return jdbc.sql("select count(*) from sandbox_gateway_requests where idempotency_key = :key")
        .param("key", key).query(Long.class).single();
  }

  private static ChargeLookup lookup(String key) {
    return new ChargeLookup(key, SandboxGateway.SUCCEEDS, Instant.EPOCH);
  }

  /** Some seconds within a year: each run books at times of its own. */
  private static long randomSeconds() {
    return ThreadLocalRandom.current().nextLong(Duration.ofDays(365).toSeconds());
  }

  private static PaymentProperties properties(Duration gatewayTimeout) {
    return new PaymentProperties(Duration.ofMinutes(10), gatewayTimeout, Duration.ofSeconds(10), List.of("USD", "INR"),
        List.of("card", "upi"), "sandbox", new PaymentProperties.Stripe(null, null, PaymentProperties.Stripe.API_BASE),
        new PaymentProperties.Razorpay(null, null, null));
  }

  private PaymentDeclinedException declineOf(ChargeRequest request) {
    return catchThrowableOfType(PaymentDeclinedException.class, () -> gateway.charge(request));
  }

  private static ChargeRequest card(String key, String number) {
    return new ChargeRequest(key, AMOUNT, "USD", "card", number, "test");
  }

  private static String key() {
    return "test-" + UUID.randomUUID();
  }
}
