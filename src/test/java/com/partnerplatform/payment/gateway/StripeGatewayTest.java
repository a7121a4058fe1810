package com.partnerplatform.payment.gateway;

import static com.partnerplatform.payment.gateway.StripeTestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.partnerplatform.payment.gateway.PaymentGateway.ChargeRequest;
import com.partnerplatform.payment.gateway.PaymentGateway.RefundRequest;
import com.stripe.exception.ApiConnectionException;
import com.stripe.net.ApiResource.RequestMethod;
import com.stripe.net.StripeRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the Stripe gateway reads Stripe's answers, through the real SDK with scripted HTTP answers:
 * stripe-mock cannot produce declines or errors (it answers every valid request with success).
 */
class StripeGatewayTest {

  private static final String KEY = "payment-test-order";

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

  private static String paymentIntent(String status, String lastPaymentError) {
    return "{\"id\": \"pi_test\", \"object\": \"payment_intent\", \"amount\": 2500, \"currency\": \"usd\", "
        + "\"status\": \"" + status + "\", \"last_payment_error\": " + lastPaymentError + "}";
  }
}
