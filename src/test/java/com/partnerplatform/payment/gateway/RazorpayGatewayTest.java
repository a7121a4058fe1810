package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeLookup;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeRequest;
import com.partnerplatform.payment.gateway.PaymentGateway.RefundRequest;
import com.razorpay.RazorpayException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the Razorpay gateway asks Razorpay and how it reads the answers. razorpay-java has the API's
 * address built in (https://api.razorpay.com, no setting) and there is no Razorpay mock server, so
 * a fake {@link RazorpayApi} stands in for Razorpay here, answering with entities shaped like
 * Razorpay's documented ones and failing with the messages the SDK produces.
 */
class RazorpayGatewayTest {

  private static final String PAYMENT = "pay_29QQoUBi66xm2f";
  private static final String KEY = "payment-test-order";
  private static final String ORDER = "order_9A33XWu170gUtm";
  private static final long CREATED_AT = 1_767_000_000;

  private final FakeRazorpay razorpay = new FakeRazorpay();
  private final RazorpayGateway gateway = new RazorpayGateway(razorpay);

  @Test
  void anAuthorizedPaymentIsCapturedForTheOrdersAmountInPaise() {
    razorpay.payment = payment("authorized", 125050, "INR");

    String reference = gateway.charge(charge(PAYMENT, "1250.50", "INR")).reference();

    assertThat(reference).isEqualTo(PAYMENT);
    assertThat(razorpay.calls).containsExactly("payment " + PAYMENT, "capture " + PAYMENT);
    assertThat(razorpay.captured.getLong("amount")).isEqualTo(125050);
    assertThat(razorpay.captured.getString("currency")).isEqualTo("INR");
  }

  @Test
  void aRetriedChargeFindsThePaymentCapturedAndCapturesNothing() {
    razorpay.payment = payment("captured", 125050, "INR");

    String reference = gateway.charge(charge(PAYMENT, "1250.50", "INR")).reference();

    assertThat(reference).isEqualTo(PAYMENT);
    assertThat(razorpay.calls).containsExactly("payment " + PAYMENT);
  }

  @ParameterizedTest(name = "a payment of {0} {1} does not pay 1250.50 INR")
  @CsvSource({"125000, INR", "125050, USD"})
  void aPaymentForAnotherAmountIsDeclinedAndNotCaptured(long amount, String currency) {
    razorpay.payment = payment("authorized", amount, currency);

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge(PAYMENT, "1250.50", "INR")));

    assertThat(declined.declineCode()).isEqualTo("amount_mismatch");
    assertThat(razorpay.calls).doesNotContain("capture " + PAYMENT);
  }

  @Test
  void aFailedPaymentIsDeclinedWithRazorpaysReason() {
    razorpay.payment = payment("failed", 125050, "INR")
        .put("error_code", "BAD_REQUEST_ERROR")
        .put("error_description", "Payment failed due to insufficient balance.")
        .put("error_reason", "insufficient_balance");

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge(PAYMENT, "1250.50", "INR")));

    assertThat(declined.declineCode()).isEqualTo("insufficient_balance");
    assertThat(declined.getMessage()).isEqualTo("Payment failed due to insufficient balance.");
  }

  @Test
  void aPaymentTheCustomerDidNotAuthorizeIsDeclined() {
    razorpay.payment = payment("created", 125050, "INR");

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge(PAYMENT, "1250.50", "INR")));

    assertThat(declined.declineCode()).isEqualTo("payment_not_authorized");
  }

  @Test
  void aRefundedPaymentCannotBeChargedAgain() {
    razorpay.payment = payment("refunded", 125050, "INR");

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> gateway.charge(charge(PAYMENT, "1250.50", "INR")));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void aTokenThatIsNoPaymentIdIsDeclinedWithoutAskingRazorpay() {
    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge("4242424242424242", "10.00", "INR")));

    assertThat(declined.declineCode()).isEqualTo("invalid_payment");
    assertThat(razorpay.calls).isEmpty();
  }

  @Test
  void anUnknownPaymentIsDeclined() {
    razorpay.failure = new RazorpayException("BAD_REQUEST_ERROR:The id provided does not exist");

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge(PAYMENT, "10.00", "INR")));

    assertThat(declined.declineCode()).isEqualTo("invalid_payment");
  }

  @ParameterizedTest(name = "\"{0}\" is retryable: {1}")
  @CsvSource(delimiter = '|', value = {
      "BAD_REQUEST_ERROR:Authentication failed | false",
      "Status Code: 404\\nServer response: <html>Not Found</html> | false",
      "Status Code: 429\\nServer response: Too many requests | true",
      "Status Code: 502\\nServer response: <html>Bad Gateway</html> | true",
      "SERVER_ERROR:We are facing some trouble completing your request at the moment. | true",
      "GATEWAY_ERROR:Payment processing failed due to error at bank or wallet gateway | true",
      "timeout | true"})
  void failuresAreRetryableUnlessRazorpayRefusedTheRequest(String message, boolean retryable) {
    razorpay.failure = new RazorpayException(message.replace("\\n", "\n"));

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> gateway.charge(charge(PAYMENT, "10.00", "INR")));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isEqualTo(retryable);
  }

  @Test
  void aRefundRefundsThePaymentInPaiseWithItsKeyInTheNotes() {
    String reference = gateway.refund(new RefundRequest("refund-" + KEY, PAYMENT, new BigDecimal("1250.50"), "INR"))
        .reference();

    assertThat(reference).isEqualTo("rfnd_new");
    assertThat(razorpay.calls).containsExactly("refunds " + PAYMENT, "refund " + PAYMENT);
    assertThat(razorpay.refundRequest.getLong("amount")).isEqualTo(125050);
    assertThat(razorpay.refundRequest.getString("speed")).isEqualTo("normal");
    assertThat(razorpay.refundRequest.getJSONObject("notes").getString("idempotency_key")).isEqualTo("refund-" + KEY);
  }

  @Test
  void aRetriedRefundFindsTheRefundMadeBeforeUnderItsKey() {
    razorpay.refunds.add(refund("rfnd_other", "processed", new JSONArray()));
    razorpay.refunds.add(refund("rfnd_earlier", "pending", new JSONObject().put("idempotency_key", "refund-" + KEY)));

    String reference = gateway.refund(new RefundRequest("refund-" + KEY, PAYMENT, new BigDecimal("1250.50"), "INR"))
        .reference();

    assertThat(reference).isEqualTo("rfnd_earlier");
    assertThat(razorpay.calls).containsExactly("refunds " + PAYMENT);
  }

  @Test
  void aFailedRefundIsNotRetryable() {
    razorpay.refunds.add(refund("rfnd_failed", "failed", new JSONObject().put("idempotency_key", "refund-" + KEY)));

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> gateway.refund(new RefundRequest("refund-" + KEY, PAYMENT, new BigDecimal("1250.50"), "INR")));

    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void aLookupAnswersWithThePaymentCapturedForTheRazorpayOrderOfTheToken() {
    razorpay.payment = payment("failed", 125050, "INR");
    razorpay.orderPayments.add(payment("failed", 125050, "INR"));
    razorpay.orderPayments.add(payment("captured", 125050, "INR")
        .put("id", "pay_paidAgain")
        .put("amount_refunded", 50050));

    assertThat(gateway.findCharge(lookup(PAYMENT))).hasValue(new BookedCharge(KEY, "pay_paidAgain",
        new BigDecimal("1250.50"), "INR", new BigDecimal("500.50"), Instant.ofEpochSecond(CREATED_AT)));
    assertThat(razorpay.calls).containsExactly("payment " + PAYMENT, "order payments " + ORDER);
  }

  @Test
  void aFullyRefundedPaymentWasTakenAndIsFoundWithItsRefund() {
    razorpay.payment = payment("refunded", 125050, "INR").put("amount_refunded", 125050);
    razorpay.orderPayments.add(razorpay.payment);

    assertThat(gateway.findCharge(lookup(PAYMENT))).get()
        .extracting(BookedCharge::refunded).isEqualTo(new BigDecimal("1250.50"));
  }

  @ParameterizedTest(name = "an order whose payments are {0} took nothing")
  @CsvSource({"authorized", "failed", "created"})
  void aLookupFindsNothingWhenNoPaymentOfTheOrderWasCaptured(String status) {
    razorpay.payment = payment(status, 125050, "INR");
    razorpay.orderPayments.add(razorpay.payment);

    assertThat(gateway.findCharge(lookup(PAYMENT))).isEmpty();
  }

  @ParameterizedTest(name = "a payment without an order that is {0} was taken: {1}")
  @CsvSource({"captured, true", "authorized, false"})
  void aPaymentWithoutAnOrderAnswersForItself(String status, boolean taken) {
    razorpay.payment = payment(status, 125050, "INR").put("order_id", JSONObject.NULL);

    assertThat(gateway.findCharge(lookup(PAYMENT)).map(BookedCharge::reference))
        .isEqualTo(taken ? Optional.of(PAYMENT) : Optional.empty());
    assertThat(razorpay.calls).containsExactly("payment " + PAYMENT);
  }

  @Test
  void aLookupOfAnUnknownPaymentOrOfATokenThatIsNoPaymentFindsNothing() {
    assertThat(gateway.findCharge(lookup("4242424242424242"))).isEmpty();
    // A refund looks up without a token: nothing to find the order's payments by.
    assertThat(gateway.findCharge(lookup(null))).isEmpty();
    assertThat(razorpay.calls).isEmpty();
    razorpay.failure = new RazorpayException("BAD_REQUEST_ERROR:The id provided does not exist");

    assertThat(gateway.findCharge(lookup(PAYMENT))).isEmpty();
  }

  @Test
  void aLookupRazorpayCouldNotAnswerIsRetryable() {
    razorpay.failure = new RazorpayException("Status Code: 502\nServer response: <html>Bad Gateway</html>");

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.findCharge(lookup(PAYMENT)));

    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void chargesSinceArePagedAndAreTheCapturedPaymentsOldestFirstWithTheirKeys() {
    // Newest first, as Razorpay lists: 130 payments, every other one captured, every fourth with a key.
    IntStream.range(0, 130).map(i -> 129 - i).forEach(i -> razorpay.allPayments.add(
        payment(i % 2 == 0 ? "captured" : "failed", 1000 + i, "INR")
            .put("id", "pay_" + i)
            .put("created_at", CREATED_AT + i)
            .put("notes", i % 4 == 0 ? new JSONObject().put("idempotency_key", "payment-" + i) : new JSONArray())));
    Instant since = Instant.ofEpochSecond(CREATED_AT);

    List<BookedCharge> charges = gateway.chargesSince(since);

    assertThat(razorpay.queries).extracting(query -> query.getLong("from") + "/" + query.getInt("count") + "/"
        + query.getInt("skip")).containsExactly(CREATED_AT + "/100/0", CREATED_AT + "/100/100");
    assertThat(charges).hasSize(65);
    assertThat(charges).extracting(BookedCharge::createdAt).isSorted();
    assertThat(charges.get(0)).isEqualTo(new BookedCharge("payment-0", "pay_0", new BigDecimal("10.00"), "INR",
        new BigDecimal("0.00"), since));
    assertThat(charges.get(1).reference()).isEqualTo("pay_2");
    assertThat(charges.get(1).idempotencyKey()).isNull();
  }

  @Test
  void aPaymentRepeatedOnTheNextPageIsListedOnce() {
    IntStream.range(0, 100)
        .forEach(i -> razorpay.allPayments.add(payment("captured", 1000, "INR").put("id", "pay_" + i)));
    // A payment made while paging pushed the last one of the first page onto the second.
    razorpay.allPayments.add(razorpay.allPayments.get(99));

    assertThat(gateway.chargesSince(Instant.ofEpochSecond(CREATED_AT))).hasSize(100);
  }

  private static ChargeLookup lookup(String token) {
    return new ChargeLookup(KEY, token, Instant.ofEpochSecond(CREATED_AT));
  }

  private static ChargeRequest charge(String token, String amount, String currency) {
    return new ChargeRequest(KEY, new BigDecimal(amount), currency, "upi", token, "Order test-order");
  }

  private static JSONObject payment(String status, long amount, String currency) {
    return new JSONObject()
        .put("id", PAYMENT)
        .put("entity", "payment")
        .put("amount", amount)
        .put("currency", currency)
        .put("status", status)
        .put("order_id", ORDER)
        .put("created_at", CREATED_AT)
        .put("amount_refunded", 0)
        .put("method", "upi")
        .put("captured", "captured".equals(status))
        .put("notes", new JSONArray());
  }

  private static JSONObject refund(String id, String status, Object notes) {
    return new JSONObject()
        .put("id", id)
        .put("entity", "refund")
        .put("amount", 125050)
        .put("currency", "INR")
        .put("payment_id", PAYMENT)
        .put("status", status)
        .put("notes", notes);
  }

  /**
   * Razorpay as the gateway sees it: a payment, its refunds, the payments of its order, all payments
   * (newest first), and the calls made.
   */
  private static final class FakeRazorpay implements RazorpayApi {

    final List<String> calls = new ArrayList<>();
    final List<JSONObject> refunds = new ArrayList<>();
    final List<JSONObject> orderPayments = new ArrayList<>();
    final List<JSONObject> allPayments = new ArrayList<>();
    final List<JSONObject> queries = new ArrayList<>();
    JSONObject payment;
    RazorpayException failure;
    JSONObject captured;
    JSONObject refundRequest;

    @Override
    public JSONObject payment(String paymentId) throws RazorpayException {
      calls.add("payment " + paymentId);
      if (failure != null) {
        throw failure;
      }
      return payment;
    }

    @Override
    public List<JSONObject> payments(JSONObject query) {
      queries.add(query);
      int skip = Math.min(query.getInt("skip"), allPayments.size());
      return allPayments.subList(skip, Math.min(skip + query.getInt("count"), allPayments.size()));
    }

    @Override
    public List<JSONObject> orderPayments(String orderId) {
      calls.add("order payments " + orderId);
      return orderPayments;
    }

    @Override
    public JSONObject capture(String paymentId, JSONObject request) {
      calls.add("capture " + paymentId);
      captured = request;
      return new JSONObject(payment.toString()).put("status", "captured").put("captured", true);
    }

    @Override
    public List<JSONObject> refunds(String paymentId) {
      calls.add("refunds " + paymentId);
      return refunds;
    }

    @Override
    public JSONObject refund(String paymentId, JSONObject request) {
      calls.add("refund " + paymentId);
      refundRequest = request;
      return RazorpayGatewayTest.refund("rfnd_new", "processed", request.getJSONObject("notes"));
    }
  }
}
