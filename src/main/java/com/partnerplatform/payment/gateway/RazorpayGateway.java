package com.partnerplatform.payment.gateway;

import com.razorpay.RazorpayException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;

/**
 * Razorpay. The customer pays in Razorpay Checkout, which authorizes a payment for a Razorpay order
 * in the browser; the token is that payment's id ({@code pay_...}). A charge checks that the
 * payment is authorized for the order's amount and currency and captures it. Capturing needs no
 * idempotency key: a payment is captured once, and a retry of the charge finds it captured and
 * answers with it. A refund carries its idempotency key in its notes, and a retry finds the refund
 * made before among the payment's refunds instead of refunding again.
 *
 * <p>The gateway's book is Razorpay's payments: a captured one took the money (and stays
 * {@code captured} when partly refunded, {@code refunded} when in full).
 *
 * <p>razorpay-java reports every failure as a {@link RazorpayException} with a message only:
 * Razorpay's {@code BAD_REQUEST_ERROR}s are not retryable, as are other 4xx answers except 429;
 * {@code GATEWAY_ERROR}, {@code SERVER_ERROR}, 5xx answers and network failures are.
 */
public class RazorpayGateway implements PaymentGateway {

  /**
   * Notes of refunds: the key of the request that created them. Checkout may set it on payments
   * too, for their webhook events.
   */
  static final String IDEMPOTENCY_KEY_NOTE = "idempotency_key";

  private static final String BAD_REQUEST = "BAD_REQUEST_ERROR:";
  private static final String PAYMENT_ID_PREFIX = "pay_";
  /** Payments that took money: captured, and maybe refunded since. */
  private static final Set<String> TAKEN = Set.of("captured", "refunded");
  /** Razorpay's largest {@code count} of a list. */
  private static final int PAGE_SIZE = 100;
  private static final Pattern HTTP_STATUS = Pattern.compile("^Status Code: (\\d{3})");

  private final RazorpayApi razorpay;

  RazorpayGateway(RazorpayApi razorpay) {
    this.razorpay = razorpay;
  }

  @Override
  public String name() {
    return "razorpay";
  }

  @Override
  public GatewayResult charge(ChargeRequest request) {
    long amount = MinorUnits.of(request.amount(), request.currency());
    String paymentId = paymentId(request.token());
    if (!paymentId.startsWith(PAYMENT_ID_PREFIX)) {
      throw new PaymentDeclinedException("invalid_payment", "The token is not a Razorpay payment id (pay_...).");
    }
    JSONObject payment = lookUp(paymentId);
    String currency = payment.optString("currency", "");
    if (payment.optLong("amount", -1) != amount || !currency.equalsIgnoreCase(request.currency())) {
      throw new PaymentDeclinedException("amount_mismatch", "Razorpay payment " + paymentId + " is for "
          + payment.optLong("amount", -1) + " " + currency + " (in the smallest unit), not " + amount + " "
          + request.currency().toUpperCase(Locale.ROOT) + ".");
    }
    String status = payment.optString("status", "");
    switch (status) {
      case "captured" -> {
        return new GatewayResult(paymentId);
      }
      case "authorized" -> {
        JSONObject capture = new JSONObject()
            .put("amount", amount)
            .put("currency", request.currency().toUpperCase(Locale.ROOT));
        call(() -> razorpay.capture(paymentId, capture));
        return new GatewayResult(paymentId);
      }
      case "failed" -> throw new PaymentDeclinedException(payment.optString("error_reason", "payment_failed"),
          payment.optString("error_description", "The payment failed."));
      case "created" -> throw new PaymentDeclinedException("payment_not_authorized",
          "Razorpay payment " + paymentId + " has not been authorized by the customer.");
      default -> throw new GatewayException("Razorpay payment " + paymentId + " is " + status
          + " and cannot be captured.", false);
    }
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    long amount = MinorUnits.of(request.amount(), request.currency());
    for (JSONObject refund : call(() -> razorpay.refunds(request.chargeReference()))) {
      if (request.idempotencyKey().equals(noteKey(refund))) {
        return refunded(refund);
      }
    }
    JSONObject refund = new JSONObject()
        .put("amount", amount)
        .put("speed", "normal")
        .put("notes", new JSONObject().put(IDEMPOTENCY_KEY_NOTE, request.idempotencyKey()));
    return refunded(call(() -> razorpay.refund(request.chargeReference(), refund)));
  }

  /**
   * The captured payment of the Razorpay order that the lookup's payment (the token) belongs to: the
   * customer may have paid the order more than once in Checkout, and a payment captured for it took
   * the money. A payment without an order answers for itself. Razorpay keeps no key of a capture, so
   * the charge is answered under the lookup's key; the lookups of several keys of one order can so
   * answer with the same payment, which its reference tells.
   */
  @Override
  public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
    String paymentId = paymentId(lookup.token());
    if (!paymentId.startsWith(PAYMENT_ID_PREFIX)) {
      return Optional.empty(); // declined without asking Razorpay
    }
    JSONObject payment;
    try {
      payment = razorpay.payment(paymentId);
    } catch (RazorpayException e) {
      if (unknownPayment(e)) {
        return Optional.empty();
      }
      throw translated(e);
    }
    List<JSONObject> paymentsOfOrder = payment.isNull("order_id")
        ? List.of(payment)
        : call(() -> razorpay.orderPayments(payment.getString("order_id")));
    return paymentsOfOrder.stream()
        .filter(RazorpayGateway::taken)
        .findFirst()
        .map(taken -> booked(taken, lookup.idempotencyKey()));
  }

  /**
   * The payments captured since then, page by page, with their key from {@code notes.idempotency_key}
   * (null when absent).
   */
  @Override
  public List<BookedCharge> chargesSince(Instant since) {
    // By id: a payment made while paging pushes the older ones down, so a later page repeats one.
    Map<String, BookedCharge> captured = new LinkedHashMap<>();
    List<JSONObject> page;
    int skip = 0;
    do {
      JSONObject query = new JSONObject().put("from", since.getEpochSecond()).put("count", PAGE_SIZE).put("skip", skip);
      page = call(() -> razorpay.payments(query));
      page.stream()
          .filter(RazorpayGateway::taken)
          .forEach(payment -> captured.putIfAbsent(payment.getString("id"), booked(payment, noteKey(payment))));
      skip += PAGE_SIZE;
    } while (page.size() == PAGE_SIZE);
    return captured.values().stream()
        .sorted(Comparator.comparing(BookedCharge::createdAt).thenComparing(BookedCharge::reference))
        .toList();
  }

  private static String paymentId(String token) {
    return token == null ? "" : token.trim();
  }

  private JSONObject lookUp(String paymentId) {
    try {
      return razorpay.payment(paymentId);
    } catch (RazorpayException e) {
      if (unknownPayment(e)) {
        throw new PaymentDeclinedException("invalid_payment", "Razorpay knows no payment " + paymentId + ".");
      }
      throw translated(e);
    }
  }

  private static boolean unknownPayment(RazorpayException e) {
    return String.valueOf(e.getMessage()).startsWith(BAD_REQUEST) && e.getMessage().contains("does not exist");
  }

  private static boolean taken(JSONObject payment) {
    return TAKEN.contains(payment.optString("status"));
  }

  private static BookedCharge booked(JSONObject payment, String idempotencyKey) {
    String currency = payment.getString("currency");
    return new BookedCharge(idempotencyKey, payment.getString("id"),
        MinorUnits.toMajor(payment.getLong("amount"), currency), currency.toUpperCase(Locale.ROOT),
        MinorUnits.toMajor(payment.optLong("amount_refunded", 0), currency),
        Instant.ofEpochSecond(payment.getLong("created_at")));
  }

  /** The key in a payment's or refund's notes; null when absent. */
  private static String noteKey(JSONObject entity) {
    JSONObject notes = entity.optJSONObject("notes"); // an empty array when there are none
    return notes == null ? null : notes.optString(IDEMPOTENCY_KEY_NOTE, null);
  }

  private static GatewayResult refunded(JSONObject refund) {
    if ("failed".equals(refund.optString("status"))) {
      throw new GatewayException("Razorpay refund " + refund.optString("id") + " failed.", false);
    }
    // Pending refunds are processed by Razorpay; the money is on its way back.
    return new GatewayResult(refund.getString("id"));
  }

  private static <T> T call(RazorpayCall<T> call) {
    try {
      return call.run();
    } catch (RazorpayException e) {
      throw translated(e);
    }
  }

  private static GatewayException translated(RazorpayException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith(BAD_REQUEST)) {
      return new GatewayException("Razorpay refused the request: " + message.substring(BAD_REQUEST.length()), false);
    }
    Matcher status = HTTP_STATUS.matcher(message);
    int code = status.find() ? Integer.parseInt(status.group(1)) : 0;
    boolean retryable = code == 0 || code == 429 || code >= 500;
    return new GatewayException("Razorpay: " + message, retryable);
  }

  @FunctionalInterface
  private interface RazorpayCall<T> {
    T run() throws RazorpayException;
  }
}
