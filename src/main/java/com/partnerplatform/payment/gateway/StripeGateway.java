package com.partnerplatform.payment.gateway;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentCreateParams.AutomaticPaymentMethods;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe, through PaymentIntents. A charge creates and confirms one PaymentIntent for the payment
 * method in the token (a PaymentMethod id such as {@code pm_card_visa}) under the charge's
 * idempotency key, so Stripe answers a repeated request with the PaymentIntent of the first; a
 * refund refunds a PaymentIntent under its own key. The outcome is known when the call returns:
 * payment methods that would redirect the customer are not offered, and a payment that needs the
 * customer's authentication is declined like a refused card.
 *
 * <p>Card declines become {@link PaymentDeclinedException}s with Stripe's code, as in the sandbox
 * ({@code card_declined}, {@code insufficient_funds}, ...). Rate limits, lost connections, conflicts
 * with a concurrent request and Stripe's server errors are retryable; everything else Stripe
 * refuses is not.
 *
 * <p>The gateway's book is read through the list of PaymentIntents, never the Search API: search
 * lags writes by up to a minute, and a lookup answers for a charge whose answer was just lost.
 */
public class StripeGateway implements PaymentGateway {

  /** Metadata of PaymentIntents and refunds: the key of the request that created them. */
  public static final String IDEMPOTENCY_KEY_METADATA = "idempotency_key";

  private static final String SUCCEEDED = "succeeded";
  private static final String PROCESSING = "processing";
  /** PaymentIntents whose money may still move: a lookup cannot tell yet whether they charged. */
  private static final Set<String> UNSETTLED = Set.of(PROCESSING, "requires_capture", "requires_confirmation");
  /** How much older than a lookup's {@code notBefore} a PaymentIntent may look: Stripe's clock is not ours. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final long PAGE_SIZE = 100;
  // A card error that says nothing about the card: Stripe's test card 4000000000000119.
  private static final String PROCESSING_ERROR = "processing_error";

  private final StripeClient stripe;

  public StripeGateway(StripeClient stripe) {
    this.stripe = stripe;
  }

  /**
   * A client of the API at {@code apiBase} whose calls wait at most {@code timeout} (the gateway
   * timeout) in all: the HTTP client waits first for the connection and then for the answer, so the
   * timeout is split between the two, a quarter to connect and the rest to read, rather than given
   * to each (which let one call wait twice as long). It does not retry by itself: retrying is the
   * activities' business.
   */
  public static StripeClient.StripeClientBuilder client(String apiKey, String apiBase, Duration timeout) {
    int millis = Math.toIntExact(timeout.toMillis());
    int connectMillis = millis / 4;
    return StripeClient.builder()
        .setApiKey(apiKey)
        .setApiBase(apiBase)
        .setConnectTimeout(connectMillis)
        .setReadTimeout(millis - connectMillis)
        .setMaxNetworkRetries(0);
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public GatewayResult charge(ChargeRequest request) {
    PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
        .setAmount(MinorUnits.of(request.amount(), request.currency()))
        .setCurrency(request.currency().toLowerCase(Locale.ROOT))
        .setPaymentMethod(request.token())
        .setConfirm(true)
        .setAutomaticPaymentMethods(AutomaticPaymentMethods.builder()
            .setEnabled(true)
            .setAllowRedirects(AutomaticPaymentMethods.AllowRedirects.NEVER)
            .build())
        .setDescription(request.description())
        .putMetadata(IDEMPOTENCY_KEY_METADATA, request.idempotencyKey())
        .build();
    PaymentIntent intent = call(true,
        () -> stripe.v1().paymentIntents().create(params, idempotent(request.idempotencyKey())));
    if (PROCESSING.equals(intent.getStatus())) {
      // Stripe replays the first answer to a key: only reading the PaymentIntent tells how it went on.
      String id = intent.getId();
      intent = call(true, () -> stripe.v1().paymentIntents().retrieve(id));
    }
    return outcome(intent);
  }

  @Override
  public GatewayResult refund(RefundRequest request) {
    RefundCreateParams params = RefundCreateParams.builder()
        .setPaymentIntent(request.chargeReference())
        .setAmount(MinorUnits.of(request.amount(), request.currency()))
        .putMetadata(IDEMPOTENCY_KEY_METADATA, request.idempotencyKey())
        .build();
    Refund refund = call(false, () -> stripe.v1().refunds().create(params, idempotent(request.idempotencyKey())));
    if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
      throw new GatewayException("Stripe refund " + refund.getId() + " of " + request.chargeReference() + " is "
          + refund.getStatus() + " (" + refund.getFailureReason() + ").", false);
    }
    // Pending refunds complete at Stripe; the money is on its way back.
    return new GatewayResult(refund.getId());
  }

  private static GatewayResult outcome(PaymentIntent intent) {
    String status = intent.getStatus();
    if (SUCCEEDED.equals(status)) {
      return new GatewayResult(intent.getId());
    }
    if (PROCESSING.equals(status)) {
      throw new GatewayException("Stripe is still processing PaymentIntent " + intent.getId() + ".", true);
    }
    if ("requires_action".equals(status)) {
      throw new PaymentDeclinedException("authentication_required",
          "The payment needs the customer's authentication (such as 3-D Secure), which this payment flow"
              + " cannot ask for.");
    }
    if ("requires_payment_method".equals(status)) {
      StripeError error = intent.getLastPaymentError();
      throw error == null
          ? new PaymentDeclinedException("payment_failed", "The payment method was not accepted.")
          : new PaymentDeclinedException(declineCode(error.getCode(), error.getDeclineCode()), error.getMessage());
    }
    throw new GatewayException("Stripe PaymentIntent " + intent.getId() + " is " + status
        + " after confirmation.", false);
  }

  private static RequestOptions idempotent(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  private static <T> T call(boolean charging, StripeCall<T> call) {
    try {
      return call.run();
    } catch (StripeException e) {
      throw translated(e, charging);
    }
  }

  private static GatewayException translated(StripeException e, boolean charging) {
    String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
        ? e.getStripeError().getMessage()
        : e.getMessage();
    if (e instanceof CardException card) {
      if (PROCESSING_ERROR.equals(card.getCode())) {
        return new GatewayException("Stripe: " + message, true);
      }
      if (charging) {
        return new PaymentDeclinedException(declineCode(card.getCode(), card.getDeclineCode()), message);
      }
    }
    if (charging && e instanceof InvalidRequestException invalid && "payment_method".equals(invalid.getParam())) {
      // An unknown or unusable PaymentMethod: another one may do.
      return new PaymentDeclinedException(invalid.getCode() == null ? "invalid_payment_method" : invalid.getCode(),
          message);
    }
    Integer status = e.getStatusCode();
    boolean retryable = e instanceof ApiConnectionException || status == null
        || status == 409 || status == 429 || status >= 500;
    return new GatewayException("Stripe" + (status == null ? "" : " (HTTP " + status + ")") + ": " + message,
        retryable);
  }

  /** Stripe's specific decline reason where it gives one ({@code insufficient_funds}), else its error code. */
  private static String declineCode(String code, String declineCode) {
    if (declineCode != null && !declineCode.equals("generic_decline")) {
      return declineCode;
    }
    return code == null ? "card_declined" : code;
  }

  /**
   * The succeeded PaymentIntent whose metadata carries the lookup's key, among those created since
   * its {@code notBefore} less {@link #CLOCK_SKEW}.
   *
   * @throws GatewayException (retryable) when the only PaymentIntents under the key are still
   *     processing or waiting to be captured or confirmed
   */
  @Override
  public Optional<BookedCharge> findCharge(ChargeLookup lookup) {
    PaymentIntent unsettled = null;
    for (PaymentIntent intent : createdSince(lookup.notBefore().minus(CLOCK_SKEW))) {
      if (!lookup.idempotencyKey().equals(keyOf(intent))) {
        continue;
      }
      if (SUCCEEDED.equals(intent.getStatus())) {
        return Optional.of(booked(intent));
      }
      if (UNSETTLED.contains(intent.getStatus())) {
        unsettled = intent;
      }
    }
    if (unsettled != null) {
      throw new GatewayException("Stripe PaymentIntent " + unsettled.getId() + " of " + lookup.idempotencyKey()
          + " is " + unsettled.getStatus() + ": whether it charged is not settled yet.", true);
    }
    return Optional.empty();
  }

  /** The succeeded PaymentIntents created since then, with their key from the metadata (null when absent). */
  @Override
  public List<BookedCharge> chargesSince(Instant since) {
    return createdSince(since).stream()
        .filter(intent -> SUCCEEDED.equals(intent.getStatus()))
        .map(StripeGateway::booked)
        .sorted(Comparator.comparing(BookedCharge::createdAt).thenComparing(BookedCharge::reference))
        .toList();
  }

  /** Every PaymentIntent created since then (to the second), each with its latest charge expanded. */
  private List<PaymentIntent> createdSince(Instant since) {
    PaymentIntentListParams params = PaymentIntentListParams.builder()
        .setCreated(PaymentIntentListParams.Created.builder().setGte(since.getEpochSecond()).build())
        .setLimit(PAGE_SIZE)
        .addExpand("data.latest_charge")
        .build();
    StripeCollection<PaymentIntent> firstPage = call(false, () -> stripe.v1().paymentIntents().list(params));
    List<PaymentIntent> intents = new ArrayList<>();
    try {
      firstPage.autoPagingIterable().forEach(intents::add);
    } catch (RuntimeException e) {
      // The SDK wraps a failure to fetch a further page.
      if (e.getCause() instanceof StripeException failure) {
        throw translated(failure, false);
      }
      throw e;
    }
    return intents;
  }

  private static BookedCharge booked(PaymentIntent intent) {
    String currency = intent.getCurrency().toUpperCase(Locale.ROOT);
    Charge charge = intent.getLatestChargeObject();
    long refunded = charge == null || charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
    return new BookedCharge(keyOf(intent), intent.getId(), MinorUnits.toMajor(intent.getAmount(), currency),
        currency, MinorUnits.toMajor(refunded, currency), Instant.ofEpochSecond(intent.getCreated()));
  }

  private static String keyOf(PaymentIntent intent) {
    Map<String, String> metadata = intent.getMetadata();
    return metadata == null ? null : metadata.get(IDEMPOTENCY_KEY_METADATA);
  }

  @FunctionalInterface
  private interface StripeCall<T> {
    T run() throws StripeException;
  }
}
