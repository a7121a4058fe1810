package com.partnerplatform.payment;

import com.partnerplatform.payment.gateway.GatewayException;
import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles charges from the gateway's book, not from the ledger's memory: a charge whose answer was
 * lost (network, a worker killed between the gateway's answer and the ledger insert, every retry
 * used up) is in the gateway's book only. A key is looked up in the ledger first, then at the
 * gateway; what the gateway took and the ledger lacks is recorded before anything acts on it. One
 * gateway charge is one ledger entry however many keys answer with it (Razorpay answers every key of
 * an order with the order's captured payment), and is refunded once, under {@link #refundKey}.
 */
@Component
class ChargeSettlement {

  private static final Logger log = LoggerFactory.getLogger(ChargeSettlement.class);

  private final PaymentLedger ledger;
  private final PaymentGateway gateway;
  private final GatewayDeadline deadline;
  private final Clock clock;

  ChargeSettlement(PaymentLedger ledger, PaymentGateway gateway, GatewayDeadline deadline, Clock clock) {
    this.ledger = ledger;
    this.gateway = gateway;
    this.deadline = deadline;
    this.clock = clock;
  }

  /** The idempotency key of a charge's refund: whoever refunds it (saga, refund, reconciliation) refunds once. */
  static String refundKey(String chargeKey) {
    return "refund-" + chargeKey;
  }

  /**
   * The first of the keys under which the order was charged, as the ledger or else the gateway's
   * book has it.
   *
   * @param token the payment method's token, which Razorpay finds the order's payments by; may be null
   */
  Optional<LedgerEntry> firstTaken(Order order, List<String> keys, String token) {
    for (String key : keys) {
      Optional<LedgerEntry> taken = settle(order, key, token);
      if (taken.isPresent()) {
        return taken;
      }
    }
    return Optional.empty();
  }

  /**
   * Every charge of the order, one per gateway charge, oldest first: the ledger's, after what the
   * gateway's book holds under the keys the ledger lacks was recorded.
   */
  List<LedgerEntry> charges(Order order, List<String> keys, String token) {
    keys.forEach(key -> settle(order, key, token));
    Map<String, LedgerEntry> byReference = new LinkedHashMap<>();
    ledger.forOrder(order.id()).stream()
        .filter(entry -> entry.kind().equals(LedgerEntry.CHARGE))
        .forEach(charge -> byReference.putIfAbsent(charge.gateway() + " " + charge.gatewayReference(), charge));
    return List.copyOf(byReference.values());
  }

  /**
   * Records a charge of the gateway's book under the key it was asked for.
   *
   * @return the ledger entry that holds the charge: a new one, or the one that recorded it already
   *     (under this key or, for the same gateway reference, under another)
   */
  LedgerEntry record(UUID orderId, UUID subscriptionId, String key, BookedCharge charge) {
    Optional<LedgerEntry> recorded = ledger.findChargeByReference(gateway.name(), charge.reference());
    if (recorded.isPresent()) {
      return recorded.get();
    }
    LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), orderId, subscriptionId, LedgerEntry.CHARGE,
        charge.amount(), charge.currency(), gateway.name(), charge.reference(), key, null, SqlTimestamps.now(clock));
    if (!ledger.record(entry)) {
      return ledger.findByKey(key).orElseThrow();
    }
    log.warn("The ledger lacked the {} charge {} of {} {} under {} ({} {}): recorded from the gateway's book",
        gateway.name(), charge.reference(), orderId != null ? "order" : "subscription",
        orderId != null ? orderId : subscriptionId, key, charge.amount(), charge.currency());
    return entry;
  }

  /** Refunds the charge in full, once, and records the refund (idempotent). */
  LedgerEntry refund(LedgerEntry charge) {
    String refundKey = refundKey(charge.idempotencyKey());
    Optional<LedgerEntry> refunded = ledger.findByKey(refundKey);
    if (refunded.isPresent()) {
      return refunded.get();
    }
    deadline.requireTimeForCall();
    GatewayResult refund;
    try {
      refund = gateway.refund(new PaymentGateway.RefundRequest(refundKey, charge.gatewayReference(), charge.amount(),
          charge.currency()));
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), charge.orderId(), charge.subscriptionId(),
        LedgerEntry.REFUND, charge.amount(), charge.currency(), gateway.name(), refund.reference(), refundKey, null,
        SqlTimestamps.now(clock));
    return ledger.record(entry) ? entry : ledger.findByKey(refundKey).orElseThrow();
  }

  /** The order's charge under the key: the ledger's, or else the gateway's, recorded. */
  private Optional<LedgerEntry> settle(Order order, String key, String token) {
    return settled(order.id(), null, key, token, order.createdAt());
  }

  /**
   * The charge under the key, of an order or of a subscription: the ledger's, or else the one the
   * gateway's book holds (taken no earlier than {@code notBefore}), recorded; empty when the gateway
   * took none.
   */
  Optional<LedgerEntry> settled(UUID orderId, UUID subscriptionId, String key, String token, Instant notBefore) {
    Optional<LedgerEntry> recorded = ledger.findByKey(key);
    if (recorded.isPresent()) {
      return recorded;
    }
    deadline.requireTimeForCall();
    Optional<BookedCharge> booked;
    try {
      booked = gateway.findCharge(new PaymentGateway.ChargeLookup(key, token, notBefore));
    } catch (GatewayException e) {
      throw PaymentActivitiesImpl.gatewayFailure(e);
    }
    return booked.map(charge -> record(orderId, subscriptionId, key, charge));
  }
}
