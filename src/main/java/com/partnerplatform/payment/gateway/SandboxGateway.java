package com.partnerplatform.payment.gateway;

import com.partnerplatform.payment.PaymentProperties;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
 *
 * <p>Faults are switched from outside, for every process at once, by files (scripts/chaos.sh
 * creates and deletes them) that are looked at on every request: an outage, a latency, and lost
 * answers to charges. The sandbox stands for the provider and our HTTP client together, so a
 * latency beyond {@code platform.payment.gateway-timeout} ends like a read timeout: the request is
 * processed, but its caller gets a transient error after the gateway timeout. Each injected fault is
 * logged at INFO with a fixed phrase ({@code outage switched on}, {@code latency switched on},
 * {@code no answer within platform.payment.gateway-timeout}, {@code answer lost (lost-answer file)}),
 * which the chaos tests count.
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
  private final Duration gatewayTimeout;
  private final Path outageFile;
  private final Path latencyFile;
  private final Path lostAnswerFile;
  private final Map<String, AtomicInteger> lostResponses = new ConcurrentHashMap<>();
  /** Contents of the latency file already warned about: a bad one is reported once, not on every request. */
  private final Set<String> badLatencies = ConcurrentHashMap.newKeySet();

  /**
   * Each fault file is switched off when its path is empty.
   *
   * @param properties its gateway timeout is how long a caller waits for an answer
   * @param outageFile while a file exists there, every request gets a transient error and changes
   *     nothing, as in a provider outage
   * @param latencyFile while a file exists there, it holds a number of seconds (such as {@code 7.5})
   *     after which every request is answered
   * @param lostAnswerFile while a file exists there, every charge is booked and then answered with
   *     a transient error, as when the answer is lost on its way back
   */
  public SandboxGateway(JdbcClient jdbc, Clock clock, PaymentProperties properties,
      @Value("${platform.payment.sandbox.outage-file:}") String outageFile,
      @Value("${platform.payment.sandbox.latency-file:}") String latencyFile,
      @Value("${platform.payment.sandbox.lost-answer-file:}") String lostAnswerFile) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.gatewayTimeout = properties.gatewayTimeout();
    this.outageFile = pathOrNull(outageFile);
    this.latencyFile = pathOrNull(latencyFile);
    this.lostAnswerFile = pathOrNull(lostAnswerFile);
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
    return answered(CHARGE + " " + request.idempotencyKey(), () -> {
      Answer answer = previous(request.idempotencyKey(), CHARGE, request.amount(), request.currency())
          .orElseGet(() -> remember(request.idempotencyKey(), CHARGE, decideCharge(request),
              request.amount(), request.currency(), null));
      if (switchedOn(lostAnswerFile)) {
        log.info("Sandbox gateway: answer lost (lost-answer file) to the charge {}", request.idempotencyKey());
        throw new GatewayException("The gateway's answer was lost on its way back.", true);
      }
      return deliver(request.idempotencyKey(), answer);
    });
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    return answered(REFUND + " " + request.idempotencyKey(), () -> {
      Answer answer = previous(request.idempotencyKey(), REFUND, request.amount(), request.currency())
          .orElseGet(() -> remember(request.idempotencyKey(), REFUND, decideRefund(request),
              request.amount(), request.currency(), request.chargeReference()));
      return deliver(request.idempotencyKey(), answer);
    });
  }

  @Override
  public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
    return answered("lookup " + lookup.idempotencyKey(), () -> jdbc.sql(BOOKED_CHARGES
            + "and c.idempotency_key = :key")
        .param("key", lookup.idempotencyKey())
        .query(SandboxGateway::bookedCharge)
        .optional());
  }

  @Override
  public List<BookedCharge> chargesSince(Instant since) {
    return answered("list of charges since " + since, () -> jdbc.sql(BOOKED_CHARGES
            + "and c.created_at >= :since order by c.created_at, c.idempotency_key")
        .param("since", since.atOffset(ZoneOffset.UTC))
        .query(SandboxGateway::bookedCharge)
        .list());
  }

  /**
   * Processes the request at once, as the provider would, unless an outage is switched on, and hands
   * its answer (or its failure) over after the latency switched on. A latency beyond the gateway
   * timeout ends, at that timeout, in a transient error instead, as a read timeout would.
   */
  private <T> T answered(String request, Supplier<T> processing) {
    Duration latency = latency();
    try {
      if (switchedOn(outageFile)) {
        log.info("Sandbox gateway: refused the {} (outage switched on)", request);
        throw new GatewayException("The sandbox gateway is unavailable (outage switched on).", true);
      }
      return processing.get();
    } finally {
      // A late answer replaces whatever the request answered: its caller has stopped waiting.
      awaitAnswer(request, latency);
    }
  }

  private void awaitAnswer(String request, Duration latency) {
    if (latency.isZero()) {
      return;
    }
    boolean tooLate = latency.compareTo(gatewayTimeout) > 0;
    log.info("Sandbox gateway: latency switched on, answering the {} after {}", request, latency);
    try {
      Thread.sleep((tooLate ? gatewayTimeout : latency).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException("Interrupted while waiting for the sandbox gateway's answer.", true);
    }
    if (tooLate) {
      log.info("Sandbox gateway: no answer within platform.payment.gateway-timeout ({}) to the {}", gatewayTimeout,
          request);
      throw new GatewayException("The sandbox gateway sent no answer within platform.payment.gateway-timeout ("
          + gatewayTimeout + "): a latency of " + latency + " is switched on.", true);
    }
  }

  /** The latency file's seconds; zero without the file, or when it holds no number of seconds. */
  private Duration latency() {
    if (latencyFile == null) {
      return Duration.ZERO;
    }
    String content;
    try {
      content = Files.readString(latencyFile).strip();
    } catch (NoSuchFileException switchedOff) {
      return Duration.ZERO;
    } catch (IOException e) {
      return badLatency("cannot be read (" + e + ")");
    }
    Duration latency = seconds(content);
    return latency == null ? badLatency("holds '" + content + "', not a number of seconds such as 7.5") : latency;
  }

  private Duration badLatency(String problem) {
    if (badLatencies.add(problem)) {
      log.warn("Sandbox gateway: the latency file {} {}; answering without latency", latencyFile, problem);
    }
    return Duration.ZERO;
  }

  /** @return null when the text is no number of seconds, or a negative one */
  private static Duration seconds(String text) {
    try {
      BigDecimal seconds = new BigDecimal(text);
      return seconds.signum() < 0 ? null : Duration.ofNanos(seconds.movePointRight(9).toBigInteger().longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static boolean switchedOn(Path faultFile) {
    return faultFile != null && Files.exists(faultFile);
  }

  private static Path pathOrNull(String path) {
    return path.isBlank() ? null : Path.of(path);
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
