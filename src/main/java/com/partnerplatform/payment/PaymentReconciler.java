package com.partnerplatform.payment;

import static com.partnerplatform.payment.PaymentReconciliation.AMOUNT_MISMATCH;
import static com.partnerplatform.payment.PaymentReconciliation.MISSING_AT_GATEWAY;
import static com.partnerplatform.payment.PaymentReconciliation.RECORDED;
import static com.partnerplatform.payment.PaymentReconciliation.REFUNDED;
import static com.partnerplatform.payment.PaymentReconciliation.REFUND_MISMATCH;
import static com.partnerplatform.payment.PaymentReconciliation.REPORTED;
import static com.partnerplatform.payment.PaymentReconciliation.UNKNOWN_CHARGE;
import static com.partnerplatform.payment.PaymentReconciliation.UNRECORDED_CHARGE;
import static com.partnerplatform.payment.PaymentReconciliation.UNREFUNDED_CHARGE;

import com.partnerplatform.payment.PaymentReconciliation.Difference;
import com.partnerplatform.payment.gateway.GatewayException;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.platform.temporal.ActivityOptionsCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares the gateway's book with the ledger and the orders. The gateway's book is the truth: a
 * charge it holds and the ledger lacks is recorded (under the key its request carried, which names
 * the order or subscription), a charge that an order which ended unpaid, was refunded, or was paid
 * by another charge still holds is refunded, and every difference is reported: logged, counted in
 * {@code payments.reconciliation.differences} (tags {@code kind}, {@code action}) and returned.
 * Charges younger than the longest attempt of a gateway activity are left alone: a saga in flight
 * still owns them. Refunds are made under {@link ChargeSettlement#refundKey}, as the saga's are, so
 * that a run repeats nothing the saga or an earlier run did.
 */
@Component
class PaymentReconciler implements PaymentMaintenance {

  static final String DIFFERENCES_METRIC = "payments.reconciliation.differences";

  private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);
  private static final String UUID_PATTERN = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
  /** {@code payment-{orderId}}, {@code payment-{orderId}-attempt-{n}}: see ChargeCommand. */
  private static final Pattern ORDER_KEY = Pattern.compile("payment-" + UUID_PATTERN + "(-attempt-\\d+)?");
  /** {@code subscription-{id}-period-{n}-attempt-{k}}: see SubscriptionCharge. */
  private static final Pattern SUBSCRIPTION_KEY = Pattern.compile("subscription-" + UUID_PATTERN
      + "-period-\\d+-attempt-\\d+");

  private final PaymentGateway gateway;
  private final PaymentLedger ledger;
  private final ChargeSettlement settlement;
  private final OrderStore orders;
  private final SubscriptionStore subscriptions;
  private final GatewayDeadline deadline;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Duration lookBack;
  private final Duration settling;

  PaymentReconciler(PaymentGateway gateway, PaymentLedger ledger, ChargeSettlement settlement, OrderStore orders,
      SubscriptionStore subscriptions, GatewayDeadline deadline, PaymentReconciliationProperties properties,
      ActivityOptionsCatalog activityOptions, MeterRegistry meters, Clock clock) {
    this.gateway = gateway;
    this.ledger = ledger;
    this.settlement = settlement;
    this.orders = orders;
    this.subscriptions = subscriptions;
    this.deadline = deadline;
    this.meters = meters;
    this.clock = clock;
    this.lookBack = properties.lookBack();
    this.settling = PaymentConfiguration.GATEWAY_ACTIVITY_OPTIONS.values().stream()
        .map(name -> activityOptions.named(name).getStartToCloseTimeout())
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  @Override
  public PaymentReconciliation reconcile() {
    Instant now = clock.instant();
    Instant since = now.minus(lookBack);
    Instant settledBefore = now.minus(settling);
    deadline.requireTimeForCall();
    List<BookedCharge> booked;
    try {
      booked = gateway.chargesSince(since);
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    Run run = new Run();
    booked.stream().filter(charge -> charge.createdAt().isBefore(settledBefore)).forEach(charge -> reconcile(charge, run));
    // A ledger row is written within an attempt after the gateway booked: rows from since + settling have theirs listed.
    Set<String> listed = booked.stream().map(BookedCharge::reference).collect(Collectors.toSet());
    for (LedgerEntry charge : ledger.chargesRecordedBetween(gateway.name(), since.plus(settling), settledBefore)) {
      if (!listed.contains(charge.gatewayReference())) {
        run.report(MISSING_AT_GATEWAY, REPORTED, charge.gatewayReference(), owner(charge) + ": the ledger holds "
            + charge.amount() + " " + charge.currency() + " under " + charge.idempotencyKey()
            + ", the gateway's book no such charge");
      }
    }
    PaymentReconciliation result = new PaymentReconciliation(run.recorded, run.refunded, List.copyOf(run.differences));
    log.info("Payments reconciliation of the {} charges since {}: {} checked, {} recorded, {} refunded, {} differences",
        gateway.name(), since, booked.size(), result.recorded(), result.refunded(), result.differences().size());
    return result;
  }

  private void reconcile(BookedCharge charge, Run run) {
    Optional<LedgerEntry> recorded = ledger.findChargeByReference(gateway.name(), charge.reference());
    if (recorded.isPresent() && (recorded.get().amount().compareTo(charge.amount()) != 0
        || !recorded.get().currency().equalsIgnoreCase(charge.currency()))) {
      run.report(AMOUNT_MISMATCH, REPORTED, charge.reference(), owner(recorded.get()) + ": the ledger holds "
          + recorded.get().amount() + " " + recorded.get().currency() + ", the gateway's book " + charge.amount() + " "
          + charge.currency());
      return;
    }
    Optional<LedgerEntry> entry = recorded.isPresent() ? recorded : record(charge, run);
    entry.ifPresent(known -> settleRefund(known, charge, run));
  }

  /** Records a charge the ledger lacks, when its key names an order or subscription of ours. */
  private Optional<LedgerEntry> record(BookedCharge charge, Run run) {
    String key = charge.idempotencyKey();
    UUID orderId = key == null ? null : idIn(ORDER_KEY, key);
    UUID subscriptionId = key == null ? null : idIn(SUBSCRIPTION_KEY, key);
    String unknown = null;
    if (orderId == null && subscriptionId == null) {
      unknown = key == null ? "carries no idempotency key" : "carries the key " + key + ", which names no order";
    } else if (orderId != null ? orders.find(orderId).isEmpty() : subscriptions.find(subscriptionId).isEmpty()) {
      unknown = "carries the key " + key + " of an unknown " + (orderId != null ? "order" : "subscription");
    } else if (ledger.findByKey(key).isPresent()) {
      unknown = "carries the key " + key + ", which the ledger holds with the reference "
          + ledger.findByKey(key).get().gatewayReference();
    }
    if (unknown != null) {
      run.report(UNKNOWN_CHARGE, REPORTED, charge.reference(), "the gateway's book holds " + charge.amount() + " "
          + charge.currency() + " that " + unknown + " and is not in the ledger");
      return Optional.empty();
    }
    LedgerEntry entry = settlement.record(orderId, subscriptionId, key, charge);
    run.recorded++;
    run.report(UNRECORDED_CHARGE, RECORDED, charge.reference(), owner(entry) + ": " + charge.amount() + " "
        + charge.currency() + " under " + key + " was in the gateway's book only");
    return Optional.of(entry);
  }

  /** Refunds a charge its order does not keep; reports a refund that ledger and gateway see differently. */
  private void settleRefund(LedgerEntry charge, BookedCharge booked, Run run) {
    boolean ledgerRefunded = ledger.findByKey(ChargeSettlement.refundKey(charge.idempotencyKey())).isPresent();
    Optional<Order> order = charge.orderId() == null ? Optional.empty() : orders.find(charge.orderId());
    Optional<String> notKept = order.flatMap(owner -> whyNotKept(owner, charge));
    if (notKept.isPresent() && !ledgerRefunded && booked.refunded().signum() == 0) {
      settlement.refund(charge);
      run.refunded++;
      run.report(order.get().status() == OrderStatus.REFUNDED ? REFUND_MISMATCH : UNREFUNDED_CHARGE, REFUNDED,
          charge.gatewayReference(), notKept.get() + ", but the gateway still held its " + charge.amount() + " "
              + charge.currency() + " (" + charge.idempotencyKey() + ")");
      return;
    }
    BigDecimal refundedPerLedger = ledgerRefunded ? charge.amount() : BigDecimal.ZERO;
    if (booked.refunded().compareTo(refundedPerLedger) != 0) {
      run.report(REFUND_MISMATCH, REPORTED, charge.gatewayReference(), owner(charge) + ": refunded "
          + refundedPerLedger + " per the ledger, " + booked.refunded() + " of " + booked.amount() + " "
          + booked.currency() + " per the gateway's book");
    }
  }

  /** Why the order must not keep the charge; empty when it keeps it, or its saga still decides. */
  private static Optional<String> whyNotKept(Order order, LedgerEntry charge) {
    return switch (order.status()) {
      case PAYMENT_FAILED, CANCELLED -> Optional.of("order " + order.id() + " ended " + order.status().value());
      case REFUNDED -> Optional.of("order " + order.id() + " was refunded");
      case PAID -> charge.gatewayReference().equals(order.transactionId())
          ? Optional.empty()
          : Optional.of("order " + order.id() + " was paid by another charge (" + order.transactionId() + ")");
      case PENDING, AWAITING_PAYMENT_METHOD -> Optional.empty();
    };
  }

  private static UUID idIn(Pattern keys, String key) {
    Matcher matcher = keys.matcher(key);
    return matcher.matches() ? UUID.fromString(matcher.group(1)) : null;
  }

  private static String owner(LedgerEntry entry) {
    return entry.orderId() != null ? "order " + entry.orderId() : "subscription " + entry.subscriptionId();
  }

  /** The differences of one run, each logged and counted as it is found. */
  private final class Run {

    private final List<Difference> differences = new ArrayList<>();
    private int recorded;
    private int refunded;

    void report(String kind, String action, String reference, String detail) {
      Difference difference = new Difference(kind, action, reference, detail);
      differences.add(difference);
      meters.counter(DIFFERENCES_METRIC, "kind", kind, "action", action).increment();
      log.warn("Payments reconciliation: {} charge {}: {} ({})", kind, reference, detail, action);
    }
  }
}
