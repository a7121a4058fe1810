package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.payment.gateway.PaymentGateway.ChargeRequest;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.payment.gateway.PaymentGateway.RefundRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sandbox answers like a gateway in test mode, and like one remembers idempotency keys. */
class SandboxGatewayTest {

  private static final BigDecimal AMOUNT = new BigDecimal("25.00");
  private static JdbcClient jdbc;

  private final SandboxGateway gateway = new SandboxGateway(jdbc, Clock.systemUTC(), "");

  @BeforeAll
  static void migrate() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sandbox-gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(h2);
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
    assertThat(jdbc.sql("select count(*) from sandbox_gateway_requests where idempotency_key = :key")
        .param("key", key).query(Long.class).single()).isZero();
  }

  @Test
  void whileTheOutageFileExistsEveryRequestFailsTransientlyAndNothingIsCharged(@TempDir Path dir) throws Exception {
    Path outage = dir.resolve("outage");
    SandboxGateway switchable = new SandboxGateway(jdbc, Clock.systemUTC(), outage.toString());
    String key = key();
    Files.createFile(outage);

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> switchable.charge(card(key, SandboxGateway.SUCCEEDS)));

    assertThat(failure.retryable()).isTrue();
    assertThat(jdbc.sql("select count(*) from sandbox_gateway_requests where idempotency_key = :key")
        .param("key", key).query(Long.class).single()).isZero();
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

  private String refusal(RefundRequest request) {
    GatewayException refused = catchThrowableOfType(GatewayException.class, () -> gateway.refund(request));
    assertThat(refused.retryable()).isFalse();
    return refused.getMessage();
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
