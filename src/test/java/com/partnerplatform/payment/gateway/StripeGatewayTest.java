package com.partnerplatform.payment.gateway;

import static com.partnerplatform.payment.gateway.StripeTestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeLookup;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeRequest;
import com.partnerplatform.payment.gateway.PaymentGateway.RefundRequest;
import com.stripe.exception.ApiConnectionException;
import com.stripe.net.ApiResource.RequestMethod;
import com.stripe.net.StripeRequest;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the Stripe gateway reads Stripe's answers, through the real SDK with scripted HTTP answers:
 * stripe-mock cannot produce declines or errors (it answers every valid request with success).
 */
class StripeGatewayTest {

  private static final String KEY = "payment-test-order";
  private static final Instant ORDER_CREATED = Instant.parse("2026-12-02T10:00:00Z");
  private static final long CREATED = ORDER_CREATED.getEpochSecond() + 30;

  @ParameterizedTest(name = "{0}/{1} is declined as {2}")
  @CsvSource({
      "card_declined, generic_decline, card_declined",
      "card_declined, insufficient_funds, insufficient_funds",
      "expired_card, , expired_card"})
  void cardErrorsAreDeclinesWithStripesReason(String code, String declineCode, String expected) {
    StripeGateway gateway = gateway(request -> json(402, "{\"error\": {\"type\": \"card_error\", \"code\": \""
        + code + "\"" + (declineCode == null ? "" : ", \"decline_code\": \"" + declineCode + "\"")
        + ", \"message\": \"Your card was declined.\"}}"));

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge("pm_card_chargeDeclined")));

    assertThat(declined.declineCode()).isEqualTo(expected);
    assertThat(declined.getMessage()).isEqualTo("Your card was declined.");
    assertThat(declined.retryable()).isFalse();
  }

  @Test
  void aProcessingErrorOfTheCardIsRetryableNotADecline() {
    StripeGateway gateway = gateway(request -> json(402, "{\"error\": {\"type\": \"card_error\", "
        + "\"code\": \"processing_error\", \"message\": \"An error occurred while processing your card.\"}}"));

    GatewayException failure = catchThrowableOfType(GatewayException.class,
        () -> gateway.charge(charge("pm_card_chargeDeclinedProcessingError")));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void anUnknownPaymentMethodIsADecline() {
    StripeGateway gateway = gateway(request -> json(400, "{\"error\": {\"type\": \"invalid_request_error\", "
        + "\"code\": \"resource_missing\", \"param\": \"payment_method\", "
        + "\"message\": \"No such PaymentMethod: 'pm_nope'\"}}"));

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge("pm_nope")));

    assertThat(declined.declineCode()).isEqualTo("resource_missing");
  }

  @ParameterizedTest(name = "HTTP {0} {1} is retryable")
  @CsvSource({
      "429, invalid_request_error, rate_limit",
      "409, idempotency_error, idempotency_key_in_use",
      "500, api_error, ",
      "503, api_error, "})
  void rateLimitsConflictsAndServerErrorsAreRetryable(int status, String type, String code) {
    StripeGateway gateway = gateway(request -> json(status, "{\"error\": {\"type\": \"" + type + "\""
        + (code == null ? "" : ", \"code\": \"" + code + "\"") + ", \"message\": \"Try again later.\"}}"));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.charge(charge("pm_card_visa")));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void aLostConnectionIsRetryable() {
    StripeGateway gateway = gateway(request -> {
      throw new ApiConnectionException("Connection reset");
    });

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.charge(charge("pm_card_visa")));

    assertThat(failure.retryable()).isTrue();
  }

  @ParameterizedTest(name = "HTTP {0} {1} is not retryable")
  @CsvSource({
      "401, invalid_request_error, Invalid API Key provided",
      "400, idempotency_error, Keys for idempotent requests can only be used with the same parameters",
      "400, invalid_request_error, Amount must be at least 50 cents"})
  void refusedRequestsAreNotRetryableAndNoDeclines(int status, String type, String message) {
    StripeGateway gateway = gateway(request -> json(status,
        "{\"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}"));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.charge(charge("pm_card_visa")));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("HTTP " + status).contains(message);
  }

  @Test
  void aPaymentNeedingAuthenticationIsDeclined() {
    StripeGateway gateway = gateway(request -> json(200, paymentIntent("requires_action", null)));

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge("pm_card_threeDSecure2Required")));

    assertThat(declined.declineCode()).isEqualTo("authentication_required");
  }

  @Test
  void aFailedConfirmationIsDeclinedWithItsLastError() {
    StripeGateway gateway = gateway(request -> json(200, paymentIntent("requires_payment_method",
        "{\"type\": \"card_error\", \"code\": \"card_declined\", \"decline_code\": \"insufficient_funds\", "
            + "\"message\": \"Your card has insufficient funds.\"}")));

    PaymentDeclinedException declined = catchThrowableOfType(PaymentDeclinedException.class,
        () -> gateway.charge(charge("pm_card_visa_chargeDeclinedInsufficientFunds")));

    assertThat(declined.declineCode()).isEqualTo("insufficient_funds");
    assertThat(declined.getMessage()).isEqualTo("Your card has insufficient funds.");
  }

  @Test
  void aCanceledPaymentIntentIsAFailureThatRetryingCannotMend() {
    StripeGateway gateway = gateway(request -> json(200, paymentIntent("canceled", null)));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.charge(charge("pm_card_visa")));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void aPaymentStillProcessingIsReadAgainAndThenRetryable() {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, paymentIntent("processing", null)));
    StripeGateway gateway = new StripeGateway(client(http));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.charge(charge("pm_card_visa")));

    assertThat(failure.retryable()).isTrue();
    assertThat(http.requests()).extracting(StripeRequest::method).containsExactly(RequestMethod.POST, RequestMethod.GET);
    assertThat(http.requests().get(1).url().getPath()).isEqualTo("/v1/payment_intents/pi_test");
  }

  @Test
  void aPaymentThatFinishedProcessingIsCharged() {
    AtomicInteger calls = new AtomicInteger();
    StripeGateway gateway = gateway(request ->
        json(200, paymentIntent(calls.getAndIncrement() == 0 ? "processing" : "succeeded", null)));

    assertThat(gateway.charge(charge("pm_card_visa")).reference()).isEqualTo("pi_test");
  }

  @ParameterizedTest(name = "{0} {1} is {2} in the smallest unit")
  @CsvSource({"19.99, USD, 1999", "10.5, INR, 1050", "7, GBP, 700", "500, JPY, 500"})
  void amountsGoInTheCurrencysSmallestUnit(String amount, String currency, String minor) {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, paymentIntent("succeeded", null)));

    new StripeGateway(client(http)).charge(
        new ChargeRequest(KEY, new BigDecimal(amount), currency, "card", "pm_card_visa", "Order"));

    assertThat(StripeTestHttp.form(http.requests().get(0)))
        .containsEntry("amount", minor)
        .containsEntry("currency", currency.toLowerCase());
  }

  @Test
  void anAmountFinerThanTheCurrencyIsRefusedWithoutAsking() {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, paymentIntent("succeeded", null)));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> new StripeGateway(client(http))
        .charge(new ChargeRequest(KEY, new BigDecimal("1.234"), "USD", "card", "pm_card_visa", "Order")));

    assertThat(failure.retryable()).isFalse();
    assertThat(http.requests()).isEmpty();
  }

  @Test
  void aFailedRefundIsNotRetryable() {
    StripeGateway gateway = gateway(request -> json(200, "{\"id\": \"re_test\", \"object\": \"refund\", "
        + "\"status\": \"failed\", \"failure_reason\": \"charge_for_pending_refund_disputed\"}"));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.refund(refund()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("charge_for_pending_refund_disputed");
  }

  @Test
  void aPendingRefundIsARefund() {
    StripeGateway gateway = gateway(request -> json(200, "{\"id\": \"re_test\", \"object\": \"refund\", "
        + "\"status\": \"pending\"}"));

    assertThat(gateway.refund(refund()).reference()).isEqualTo("re_test");
  }

  @Test
  void refundingAnUnknownPaymentIntentIsNotRetryable() {
    StripeGateway gateway = gateway(request -> json(404, "{\"error\": {\"type\": \"invalid_request_error\", "
        + "\"code\": \"resource_missing\", \"message\": \"No such payment_intent: 'pi_test'\"}}"));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.refund(refund()));

    assertThat(failure).isNotInstanceOf(PaymentDeclinedException.class);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void oneCallWaitsNoLongerThanTheGatewayTimeoutToConnectAndReadTogether() {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, paymentIntent("succeeded", null)));

    new StripeGateway(client(http)).charge(charge("pm_card_visa"));

    StripeRequest request = http.requests().get(0);
    assertThat(request.options().getConnectTimeout()).isPositive();
    assertThat(request.options().getConnectTimeout() + request.options().getReadTimeout()).isEqualTo(5000);
  }

  @Test
  void aLookupListsThePaymentIntentsSinceTheOrderLessClockSkewAndFindsTheSucceededOneUnderTheKey() {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, page(false,
        listed("pi_other", "succeeded", "payment-other-order", 0),
        listed("pi_mine", "succeeded", KEY, 1000))));

    assertThat(new StripeGateway(client(http)).findCharge(lookup())).hasValue(new BookedCharge(KEY, "pi_mine",
        new BigDecimal("25.00"), "USD", new BigDecimal("10.00"), Instant.ofEpochSecond(CREATED)));
    StripeRequest request = http.requests().get(0);
    assertThat(request.method()).isEqualTo(RequestMethod.GET);
    assertThat(request.url().getPath()).isEqualTo("/v1/payment_intents");
    assertThat(query(request))
        .containsEntry("created[gte]", String.valueOf(ORDER_CREATED.minus(StripeGateway.CLOCK_SKEW).getEpochSecond()))
        .containsEntry("limit", "100")
        .containsEntry("expand[0]", "data.latest_charge");
  }

  @ParameterizedTest(name = "a PaymentIntent that is {0} took nothing")
  @CsvSource({"requires_payment_method", "requires_action", "canceled"})
  void aLookupFindsNothingWhenNoPaymentIntentUnderTheKeySucceeded(String status) {
    StripeGateway gateway = gateway(request -> json(200, page(false,
        listed("pi_other", "succeeded", "payment-other-order", 0),
        listed("pi_untagged", "succeeded", null, 0),
        listed("pi_mine", status, KEY, 0))));

    assertThat(gateway.findCharge(lookup())).isEmpty();
  }

  @ParameterizedTest(name = "a PaymentIntent that is {0} is not settled: ask again")
  @CsvSource({"processing", "requires_capture", "requires_confirmation"})
  void aLookupOfAPaymentIntentWhoseMoneyMayStillMoveIsRetryable(String status) {
    StripeGateway gateway = gateway(request -> json(200, page(false, listed("pi_mine", status, KEY, 0))));

    GatewayException unsettled = catchThrowableOfType(GatewayException.class, () -> gateway.findCharge(lookup()));

    assertThat(unsettled.retryable()).isTrue();
    assertThat(unsettled.getMessage()).contains("pi_mine").contains(status);
  }

  @Test
  void aSucceededPaymentIntentUnderTheKeyWinsOverAnUnsettledOne() {
    StripeGateway gateway = gateway(request -> json(200, page(false,
        listed("pi_retried", "processing", KEY, 0),
        listed("pi_mine", "succeeded", KEY, 0))));

    assertThat(gateway.findCharge(lookup())).get().extracting(BookedCharge::reference).isEqualTo("pi_mine");
  }

  @Test
  void aLookupPagesOnWithTheSameFilterUntilTheLastPage() {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, query(request).containsKey("starting_after")
        ? page(false, listed("pi_mine", "succeeded", KEY, 0))
        : page(true, listed("pi_newest", "succeeded", "payment-newer", 0),
            listed("pi_newer", "canceled", "payment-newer", 0))));

    assertThat(new StripeGateway(client(http)).findCharge(lookup())).get()
        .extracting(BookedCharge::reference).isEqualTo("pi_mine");
    assertThat(http.requests()).hasSize(2);
    assertThat(query(http.requests().get(1)))
        .containsEntry("starting_after", "pi_newer")
        .containsEntry("created[gte]", query(http.requests().get(0)).get("created[gte]"))
        .containsEntry("expand[0]", "data.latest_charge");
  }

  @Test
  void aPageStripeCouldNotAnswerFailsTheLookupRetryably() {
    StripeGateway gateway = gateway(request -> query(request).containsKey("starting_after")
        ? json(503, "{\"error\": {\"type\": \"api_error\", \"message\": \"Try again later.\"}}")
        : json(200, page(true, listed("pi_newest", "succeeded", "payment-newer", 0))));

    GatewayException failure = catchThrowableOfType(GatewayException.class, () -> gateway.findCharge(lookup()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 503");
  }

  @Test
  void chargesSinceAreTheSucceededPaymentIntentsOldestFirstWithTheirKeysAndRefunds() {
    StripeTestHttp http = StripeTestHttp.scripted(request -> json(200, page(false,
        listed("pi_newest", "succeeded", null, 0, CREATED + 2),
        listed("pi_failed", "requires_payment_method", "payment-failed", 0, CREATED + 1),
        listed("pi_oldest", "succeeded", KEY, 2500, CREATED))));
    Instant since = Instant.ofEpochSecond(CREATED);

    List<BookedCharge> charges = new StripeGateway(client(http)).chargesSince(since);

    assertThat(charges).containsExactly(
        new BookedCharge(KEY, "pi_oldest", new BigDecimal("25.00"), "USD", new BigDecimal("25.00"), since),
        new BookedCharge(null, "pi_newest", new BigDecimal("25.00"), "USD", new BigDecimal("0.00"),
            since.plusSeconds(2)));
    assertThat(query(http.requests().get(0))).containsEntry("created[gte]", String.valueOf(CREATED));
  }

  private static StripeGateway gateway(StripeTestHttp.Answer answer) {
    return new StripeGateway(client(StripeTestHttp.scripted(answer)));
  }

  private static com.stripe.StripeClient client(StripeTestHttp http) {
    return StripeGateway.client("sk_test_scripted", "https://api.stripe.invalid", Duration.ofSeconds(5))
        .setHttpClient(http)
        .build();
  }

  private static ChargeRequest charge(String paymentMethod) {
    return new ChargeRequest(KEY, new BigDecimal("25.00"), "USD", "card", paymentMethod, "Order test-order");
  }

  private static RefundRequest refund() {
    return new RefundRequest("refund-" + KEY, "pi_test", new BigDecimal("25.00"), "USD");
  }

  private static ChargeLookup lookup() {
    return new ChargeLookup(KEY, "pm_card_visa", ORDER_CREATED);
  }

  /** A page of the PaymentIntents list. */
  private static String page(boolean hasMore, String... intents) {
    return "{\"object\": \"list\", \"url\": \"/v1/payment_intents\", \"has_more\": " + hasMore + ", \"data\": ["
        + String.join(", ", intents) + "]}";
  }

  private static String listed(String id, String status, String key, long refunded) {
    return listed(id, status, key, refunded, CREATED);
  }

  /** A PaymentIntent of 25.00 USD as listed, its latest charge expanded. */
  private static String listed(String id, String status, String key, long refunded, long created) {
    return "{\"id\": \"" + id + "\", \"object\": \"payment_intent\", \"amount\": 2500, \"currency\": \"usd\", "
        + "\"status\": \"" + status + "\", \"created\": " + created + ", \"metadata\": {"
        + (key == null ? "" : "\"idempotency_key\": \"" + key + "\"") + "}, \"latest_charge\": {\"id\": \"ch_"
        + id + "\", \"object\": \"charge\", \"amount\": 2500, \"amount_refunded\": " + refunded + "}}";
  }

  /** The request's query parameters, decoded: {@code created[gte]} → seconds. */
  private static Map<String, String> query(StripeRequest request) {
    String query = request.url().getQuery();
    return query == null ? Map.of() : Arrays.stream(query.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
            pair -> pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
            (first, second) -> second, LinkedHashMap::new));
  }

  private static String paymentIntent(String status, String lastPaymentError) {
    return "{\"id\": \"pi_test\", \"object\": \"payment_intent\", \"amount\": 2500, \"currency\": \"usd\", "
        + "\"status\": \"" + status + "\", \"last_payment_error\": " + lastPaymentError + "}";
  }
}
