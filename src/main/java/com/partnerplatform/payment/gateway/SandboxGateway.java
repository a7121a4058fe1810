package com.partnerplatform.payment.gateway;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A gateway without a provider, for local use and tests. Cards follow Stripe's published test
 * numbers: {@value #SUCCEEDS} succeeds, {@value #DECLINED} is declined ({@code card_declined}),
 * {@value #INSUFFICIENT_FUNDS} is declined ({@code insufficient_funds}) and {@value #PROCESSING_ERROR}
 * gets a transient processing error; any other number is declined ({@code incorrect_number}). UPI,
 * wallet and bank-transfer payments succeed. Like a real gateway it remembers each idempotency key
 * and its answer (in the database, so also across restarts): the same request again gets the same
 * answer and moves no more money.
 */
@Component
@ConditionalOnProperty(name = "platform.payment.gateway", havingValue = "sandbox", matchIfMissing = true)
public class SandboxGateway implements PaymentGateway {

  static final String SUCCEEDS = "4242424242424242";
  static final String DECLINED = "4000000000000002";
  static final String INSUFFICIENT_FUNDS = "4000000000009995";
  static final String PROCESSING_ERROR = "4000000000000119";

  private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);
  private static final String CHARGE = "charge";
  private static final String REFUND = "refund";
  private static final String SUCCEEDED = "succeeded";
  private static final String DECLINED_OUTCOME = "declined";
  private static final Map<String, Decline> DECLINING_CARDS = Map.of(
      DECLINED, new Decline("card_declined", "Your card was declined."),
      INSUFFICIENT_FUNDS, new Decline("insufficient_funds", "Your card has insufficient funds."));

  /** Succeeded charges with the sum of their succeeded refunds; callers add conditions on {@code c}. */
  private static final String BOOKED_CHARGES = "select c.idempotency_key, c.reference, c.amount, c.currency, "
      + "c.created_at, coalesce((select sum(r.amount) from sandbox_gateway_requests r where r.operation = 'refund' "
      + "and r.outcome = 'succeeded' and r.charge_reference = c.reference), 0) as refunded "
      + "from sandbox_gateway_requests c where c.operation = 'charge' and c.outcome = 'succeeded' ";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Path outageFile;
  private final Map<String, AtomicInteger> lostResponses = new ConcurrentHashMap<>();

  /**
   * {@code outageFile}: while a file exists there, every request gets a transient error, as in a
   * provider outage (chaos tests switch it from outside, for every process at once).
   */
  public SandboxGateway(JdbcClient jdbc, Clock clock,
      @Value("${platform.payment.sandbox.outage-file:}") String outageFile) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.outageFile = outageFile.isBlank() ? null : Path.of(outageFile);
  }

  @Override
  public String name() {
    return "sandbox";
  }

  /**
   * For tests: the next {@code times} requests with this key are processed as usual, but their
   * answer is a transient error, as when the response is lost on its way back. Only a retry with
   * the same key learns what happened.
   */
  public void failTransiently(String idempotencyKey, int times) {
    lostResponses.put(idempotencyKey, new AtomicInteger(times));
  }

  @Override
  public GatewayResult charge(ChargeRequest request) {
    refuseDuringOutage();
    Answer answer = previous(request.idempotencyKey(), CHARGE, request.amount(), request.currency())
        .orElseGet(() -> remember(request.idempotencyKey(), CHARGE, decideCharge(request),
            request.amount(), request.currency(), null));
    return deliver(request.idempotencyKey(), answer);
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    refuseDuringOutage();
    Answer answer = previous(request.idempotencyKey(), REFUND, request.amount(), request.currency())
        .orElseGet(() -> remember(request.idempotencyKey(), REFUND, decideRefund(request),
            request.amount(), request.currency(), request.chargeReference()));
    return deliver(request.idempotencyKey(), answer);
  }

  @Override
  public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
    refuseDuringOutage();
    return jdbc.sql(BOOKED_CHARGES + "and c.idempotency_key = :key")
        .param("key", lookup.idempotencyKey())
        .query(SandboxGateway::bookedCharge)
        .optional();
  }

  @Override
  public List<BookedCharge> chargesSince(Instant since) {
    refuseDuringOutage();
    return jdbc.sql(BOOKED_CHARGES + "and c.created_at >= :since order by c.created_at, c.idempotency_key")
        .param("since", since.atOffset(ZoneOffset.UTC))
        .query(SandboxGateway::bookedCharge)
        .list();
  }

  private void refuseDuringOutage() {
    if (outageFile != null && Files.exists(outageFile)) {
      throw new GatewayException("The sandbox gateway is unavailable (outage switched on).", true);
    }
  }

  private Outcome decideCharge(ChargeRequest request) {
    if (!"card".equals(request.methodType())) {
      return Outcome.succeeded("sandbox_ch_");
    }
    String number = request.token() == null ? "" : request.token().replaceAll("[\\s-]", "");
    if (number.equals(PROCESSING_ERROR)) {
      // Nothing is charged or remembered: the same request may be sent again.
      throw new GatewayException("An error occurred while processing the card; try again.", true);
    }
    if (number.equals(SUCCEEDS)) {
      return Outcome.succeeded("sandbox_ch_");
    }
    return new Outcome(null, DECLINING_CARDS.getOrDefault(number,
        new Decline("incorrect_number", "Your card number is incorrect.")));
  }

  private Outcome decideRefund(RefundRequest request) {
    Optional<BigDecimal> charged = jdbc.sql("select amount from sandbox_gateway_requests "
            + "where reference = :reference and operation = 'charge' and outcome = 'succeeded'")
        .param("reference", request.chargeReference())
        .query(BigDecimal.class)
        .optional();
    if (charged.isEmpty()) {
      return new Outcome(null, new Decline("resource_missing", "No such charge: " + request.chargeReference()));
    }
    if (request.amount().compareTo(charged.get()) > 0) {
      return new Outcome(null, new Decline("amount_too_large", "The refund exceeds the charge."));
    }
    boolean refunded = jdbc.sql("select count(*) from sandbox_gateway_requests "
            + "where charge_reference = :reference and outcome = 'succeeded'")
        .param("reference", request.chargeReference())
        .query(Long.class)
        .single() > 0;
    return refunded
        ? new Outcome(null, new Decline("charge_already_refunded", "The charge has already been refunded."))
        : Outcome.succeeded("sandbox_re_");
  }

  private Optional<Answer> previous(String key, String operation, BigDecimal amount, String currency) {
    Optional<Answer> previous = find(key);
    previous.ifPresent(answer -> {
      if (!answer.operation().equals(operation) || answer.amount().compareTo(amount) != 0
          || !answer.currency().equals(currency)) {
        throw new GatewayException(
            "Keys for idempotent requests can only be used with the same parameters: " + key, false);
      }
    });
    return previous;
  }

  private Answer remember(String key, String operation, Outcome outcome, BigDecimal amount, String currency,
      String chargeReference) {
    try {
      jdbc.sql("insert into sandbox_gateway_requests (idempotency_key, operation, outcome, reference, "
              + "decline_code, message, amount, currency, charge_reference, created_at) values (:key, "
              + ":operation, :outcome, :reference, :declineCode, :message, :amount, :currency, "
              + ":chargeReference, :now)")
          .param("key", key)
          .param("operation", operation)
          .param("outcome", outcome.decline() == null ? SUCCEEDED : DECLINED_OUTCOME)
          .param("reference", outcome.reference())
          .param("declineCode", outcome.decline() == null ? null : outcome.decline().code())
          .param("message", outcome.decline() == null ? null : outcome.decline().message())
          .param("amount", amount)
          .param("currency", currency)
          .param("chargeReference", chargeReference)
          .param("now", clock.instant().atOffset(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException concurrentRequest) {
      // The same request arrived twice at once: the first one's answer is the answer.
      return find(key).orElseThrow();
    }
    return new Answer(operation, outcome.reference(), outcome.decline(), amount, currency);
  }

  private GatewayResult deliver(String key, Answer answer) {
    AtomicInteger lost = lostResponses.get(key);
    if (lost != null && lost.getAndDecrement() > 0) {
      log.info("Sandbox gateway: losing the answer to {} on purpose", key);
      throw new GatewayException("The gateway did not answer in time.", true);
    }
    if (answer.decline() == null) {
      return new GatewayResult(answer.reference());
    }
    if (answer.operation().equals(CHARGE)) {
      throw new PaymentDeclinedException(answer.decline().code(), answer.decline().message());
    }
    throw new GatewayException(answer.decline().message() + " (" + answer.decline().code() + ")", false);
  }

  private Optional<Answer> find(String key) {
    return jdbc.sql("select operation, reference, decline_code, message, amount, currency "
            + "from sandbox_gateway_requests where idempotency_key = :key")
        .param("key", key)
        .query(SandboxGateway::answer)
        .optional();
  }

  private static BookedCharge bookedCharge(ResultSet rs, int row) throws SQLException {
    return new BookedCharge(rs.getString("idempotency_key"), rs.getString("reference"), rs.getBigDecimal("amount"),
        rs.getString("currency"), rs.getBigDecimal("refunded"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static Answer answer(ResultSet rs, int row) throws SQLException {
    String declineCode = rs.getString("decline_code");
    return new Answer(rs.getString("operation"), rs.getString("reference"),
        declineCode == null ? null : new Decline(declineCode, rs.getString("message")),
        rs.getBigDecimal("amount"), rs.getString("currency"));
  }

  private record Decline(String code, String message) {}

  private record Outcome(String reference, Decline decline) {

    static Outcome succeeded(String referencePrefix) {
      return new Outcome(referencePrefix + UUID.randomUUID().toString().replace("-", ""), null);
    }
  }

  private record Answer(String operation, String reference, Decline decline, BigDecimal amount,
      String currency) {}
}
