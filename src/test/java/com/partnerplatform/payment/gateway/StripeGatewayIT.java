package com.partnerplatform.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.payment.gateway.PaymentGateway.BookedCharge;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeLookup;
import com.partnerplatform.payment.gateway.PaymentGateway.ChargeRequest;
import com.partnerplatform.payment.gateway.PaymentGateway.GatewayResult;
import com.partnerplatform.payment.gateway.PaymentGateway.RefundRequest;
import com.stripe.net.ApiResource.RequestMethod;
import com.stripe.net.StripeRequest;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Stripe gateway against stripe-mock, which checks every request against Stripe's OpenAPI
 * specification and answers with Stripe's fixture objects. stripe-mock is stateless: it answers
 * every PaymentIntent as {@code requires_payment_method}, gives each answer a new id and does not
 * replay answers by idempotency key. So these tests set the PaymentIntent status a real Stripe would
 * answer, and show that a repeated charge sends the same Idempotency-Key (what makes Stripe answer
 * with the first PaymentIntent); declines and errors are covered by {@link StripeGatewayTest}. Its
 * list of PaymentIntents is one fixture; tests that read the gateway's book set what a real Stripe
 * would list in it.
 */
class StripeGatewayIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static StripeMock stripeMock;

  /** The PaymentIntent status each request method gets, instead of stripe-mock's. */
  private final Map<RequestMethod, String> paymentIntentStatus = new EnumMap<>(RequestMethod.class);
  private final List<String> answeredIds = new CopyOnWriteArrayList<>();
  /** Adjusts each page of the PaymentIntents list stripe-mock answers to a request. */
  private BiConsumer<StripeRequest, ObjectNode> listed = (request, page) -> { };
  private final StripeTestHttp http = StripeTestHttp.forwarding(this::answer);
  private StripeGateway gateway;

  @BeforeAll
  static void startStripeMock() throws Exception {
    stripeMock = StripeMock.startIfAvailable();
  }

  @BeforeEach
  void connect() {
    StripeMock.assumeAvailable(stripeMock);
    gateway = new StripeGateway(
        StripeGateway.client("sk_test_123", stripeMock.url(), Duration.ofSeconds(10)).setHttpClient(http).build());
  }

  @AfterAll
  static void stopStripeMock() throws Exception {
    if (stripeMock != null) {
      stripeMock.close();
    }
  }

  @Test
  void aChargeCreatesAndConfirmsOnePaymentIntentUnderItsIdempotencyKey() {
    paymentIntentStatus.put(RequestMethod.POST, "succeeded");
    String key = "payment-" + UUID.randomUUID();
    ChargeRequest charge = new ChargeRequest(key, new BigDecimal("25.99"), "USD", "card", "pm_card_visa",
        "Order 42");

    GatewayResult first = gateway.charge(charge);
    GatewayResult again = gateway.charge(charge);

    assertThat(first.reference()).startsWith("pi_").isEqualTo(answeredIds.get(0));
    assertThat(again.reference()).startsWith("pi_").isEqualTo(answeredIds.get(1));
    assertThat(http.requests()).hasSize(2).allSatisfy(request -> {
      assertThat(request.method()).isEqualTo(RequestMethod.POST);
      assertThat(request.url().getPath()).isEqualTo("/v1/payment_intents");
      assertThat(request.headers().firstValue("Idempotency-Key")).hasValue(key);
      assertThat(StripeTestHttp.form(request))
          .containsEntry("amount", "2599")
          .containsEntry("currency", "usd")
          .containsEntry("payment_method", "pm_card_visa")
          .containsEntry("confirm", "true")
          .containsEntry("automatic_payment_methods[enabled]", "true")
          .containsEntry("automatic_payment_methods[allow_redirects]", "never")
          .containsEntry("description", "Order 42")
          .containsEntry("metadata[idempotency_key]", key);
    });
    assertThat(StripeTestHttp.form(http.requests().get(1))).isEqualTo(StripeTestHttp.form(http.requests().get(0)));
  }

  @Test
  void aPaymentIntentStillProcessingIsReadBackUntilItHasSucceeded() {
    paymentIntentStatus.put(RequestMethod.POST, "processing");
    paymentIntentStatus.put(RequestMethod.GET, "succeeded");

    GatewayResult charged = gateway.charge(new ChargeRequest("payment-" + UUID.randomUUID(), new BigDecimal("10.00"),
        "EUR", "card", "pm_card_visa", "Order 43"));

    assertThat(http.requests()).extracting(StripeRequest::method).containsExactly(RequestMethod.POST, RequestMethod.GET);
    assertThat(http.requests().get(1).url().getPath()).isEqualTo("/v1/payment_intents/" + answeredIds.get(0));
    assertThat(charged.reference()).isEqualTo(answeredIds.get(1));
  }

  @Test
  void aRefundRefundsThePaymentIntentUnderTheRefundsKey() {
    String key = "refund-payment-" + UUID.randomUUID();

    GatewayResult refunded = gateway.refund(new RefundRequest(key, "pi_3MtwBwLkdIwHu7ix28a3tqPa",
        new BigDecimal("1250.50"), "INR"));

    assertThat(refunded.reference()).startsWith("re_");
    StripeRequest request = http.requests().get(0);
    assertThat(request.method()).isEqualTo(RequestMethod.POST);
    assertThat(request.url().getPath()).isEqualTo("/v1/refunds");
    assertThat(request.headers().firstValue("Idempotency-Key")).hasValue(key);
    assertThat(StripeTestHttp.form(request))
        .containsEntry("payment_intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa")
        .containsEntry("amount", "125050")
        .containsEntry("metadata[idempotency_key]", key);
  }

  @Test
  void aLookupFindsTheSucceededPaymentIntentCarryingTheKeyThroughTheListEndpoint() {
    String key = "payment-" + UUID.randomUUID();
    listed = (request, page) -> page.get("data").forEach(intent -> {
      ObjectNode listedIntent = (ObjectNode) intent;
      listedIntent.put("status", "succeeded").putObject("metadata").put("idempotency_key", key);
      ((ObjectNode) listedIntent.get("latest_charge")).put("amount_refunded", 500);
    });
    Instant orderCreated = Instant.now().minus(Duration.ofMinutes(1));

    BookedCharge booked = gateway.findCharge(new ChargeLookup(key, "pm_card_visa", orderCreated)).orElseThrow();

    // stripe-mock's fixture: 10.99 USD, created 1234567890.
    assertThat(booked.reference()).startsWith("pi_");
    assertThat(booked).isEqualTo(new BookedCharge(key, booked.reference(), new BigDecimal("10.99"), "USD",
        new BigDecimal("5.00"), Instant.ofEpochSecond(1_234_567_890)));
    StripeRequest request = http.requests().get(0);
    assertThat(request.method()).isEqualTo(RequestMethod.GET);
    assertThat(request.url().getPath()).isEqualTo("/v1/payment_intents");
    assertThat(query(request))
        .contains("created[gte]=" + orderCreated.minus(StripeGateway.CLOCK_SKEW).getEpochSecond())
        .contains("expand[0]=data.latest_charge");
  }

  @Test
  void aLookupOfAKeyNoPaymentIntentCarriesFindsNothing() {
    Instant orderCreated = Instant.now();

    assertThat(gateway.findCharge(new ChargeLookup("payment-" + UUID.randomUUID(), "pm_card_visa", orderCreated)))
        .isEmpty();
    assertThat(http.requests()).singleElement()
        .satisfies(request -> assertThat(request.url().getPath()).isEqualTo("/v1/payment_intents"));
  }

  @Test
  void chargesSinceReadEveryPageOfSucceededPaymentIntents() {
    // The first page says there is more; the next page, asked for after its last PaymentIntent, is the last.
    listed = (request, page) -> {
      page.put("has_more", !query(request).contains("starting_after"));
      page.get("data").forEach(intent -> ((ObjectNode) intent).put("status", "succeeded"));
    };

    List<BookedCharge> charges = gateway.chargesSince(Instant.now().minus(Duration.ofHours(1)));

    // stripe-mock lists its one fixture on every page.
    assertThat(charges).hasSize(2).allSatisfy(charge -> {
      assertThat(charge.reference()).startsWith("pi_");
      assertThat(charge.idempotencyKey()).isNull();
      assertThat(charge.amount()).isEqualByComparingTo("10.99");
      assertThat(charge.refunded()).isEqualByComparingTo("0");
    });
    assertThat(http.requests()).hasSize(2);
    assertThat(query(http.requests().get(1))).contains("starting_after=" + charges.get(0).reference());
  }

  private String answer(StripeRequest request, String body) {
    if (!request.url().getPath().startsWith("/v1/payment_intents")) {
      return body;
    }
    ObjectNode answer = (ObjectNode) JSON.readTree(body);
    if ("list".equals(answer.get("object").stringValue())) {
      listed.accept(request, answer);
      return JSON.writeValueAsString(answer);
    }
    answeredIds.add(answer.get("id").stringValue());
    String status = paymentIntentStatus.get(request.method());
    if (status != null) {
      answer.put("status", status);
    }
    return JSON.writeValueAsString(answer);
  }

  private static String query(StripeRequest request) {
    return URLDecoder.decode(String.valueOf(request.url().getQuery()), StandardCharsets.UTF_8);
  }
}
