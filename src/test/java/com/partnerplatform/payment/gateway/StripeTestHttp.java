package com.partnerplatform.payment.gateway;

import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * stripe-java's HTTP client for tests: keeps every request the SDK sends, and answers it either as
 * the test scripts, or by sending it to a real server (stripe-mock) and letting the test adjust the
 * answer.
 */
final class StripeTestHttp extends HttpClient {

  @FunctionalInterface
  interface Answer {
    StripeResponse to(StripeRequest request) throws StripeException;
  }

  private final Answer answer;
  private final List<StripeRequest> requests = new CopyOnWriteArrayList<>();

  private StripeTestHttp(Answer answer) {
    this.answer = answer;
  }

  static StripeTestHttp scripted(Answer answer) {
    return new StripeTestHttp(answer);
  }

  /** @param adjust the answer's body from the request and the server's body */
  static StripeTestHttp forwarding(BiFunction<StripeRequest, String, String> adjust) {
    HttpURLConnectionClient server = new HttpURLConnectionClient();
    return new StripeTestHttp(request -> {
      StripeResponse response = server.request(request);
      return new StripeResponse(response.code(), response.headers(), adjust.apply(request, response.body()));
    });
  }

  static StripeResponse json(int status, String body) {
    return new StripeResponse(status, HttpHeaders.of(Map.of("Content-Type", List.of("application/json"))), body);
  }

  @Override
  public StripeResponse request(StripeRequest request) throws StripeException {
    requests.add(request);
    return answer.to(request);
  }

  List<StripeRequest> requests() {
    return List.copyOf(requests);
  }

  /** The request's form parameters, decoded: {@code automatic_payment_methods[enabled]} → {@code true}. */
  static Map<String, String> form(StripeRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    if (request.content() == null) {
      return form;
    }
    for (String pair : request.content().stringContent().split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }
}
