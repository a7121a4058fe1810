package com.partnerplatform.payment.gateway;

import com.razorpay.RazorpayException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    String paymentId = request.token() == null ? "" : request.token().trim();
    if (!paymentId.startsWith("pay_")) {
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
      JSONObject notes = refund.optJSONObject("notes");
      if (notes != null && request.idempotencyKey().equals(notes.optString(IDEMPOTENCY_KEY_NOTE, null))) {
        return refunded(refund);
      }
    }
    JSONObject refund = new JSONObject()
        .put("amount", amount)
        .put("speed", "normal")
        .put("notes", new JSONObject().put(IDEMPOTENCY_KEY_NOTE, request.idempotencyKey()));
    return refunded(call(() -> razorpay.refund(request.chargeReference(), refund)));
  }

  private JSONObject lookUp(String paymentId) {
    try {
      return razorpay.payment(paymentId);
    } catch (RazorpayException e) {
      if (String.valueOf(e.getMessage()).startsWith(BAD_REQUEST) && e.getMessage().contains("does not exist")) {
        throw new PaymentDeclinedException("invalid_payment", "Razorpay knows no payment " + paymentId + ".");
      }
      throw translated(e);
    }
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

  @Override
  public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public List<BookedCharge> chargesSince(Instant since) {
    throw new UnsupportedOperationException("not built yet");
  }

  @FunctionalInterface
  private interface RazorpayCall<T> {
    T run() throws RazorpayException;
  }
}
