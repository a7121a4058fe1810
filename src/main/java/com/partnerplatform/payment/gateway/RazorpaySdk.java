package com.partnerplatform.payment.gateway;

import com.razorpay.Entity;
import com.razorpay.RazorpayClient;
import com.razorpay.RazorpayException;
import java.util.List;
import org.json.JSONObject;

/** {@link RazorpayApi} through razorpay-java's client. */
final class RazorpaySdk implements RazorpayApi {

  private final RazorpayClient client;

  RazorpaySdk(RazorpayClient client) {
    this.client = client;
  }

  @Override
  public JSONObject payment(String paymentId) throws RazorpayException {
    return client.payments.fetch(paymentId).toJson();
  }

  @Override
  public List<JSONObject> payments(JSONObject query) throws RazorpayException {
    return client.payments.fetchAll(query).stream().map(Entity::toJson).toList();
  }

  @Override
  public List<JSONObject> orderPayments(String orderId) throws RazorpayException {
    return client.orders.fetchPayments(orderId).stream().map(Entity::toJson).toList();
  }

  @Override
  public JSONObject capture(String paymentId, JSONObject request) throws RazorpayException {
    return client.payments.capture(paymentId, request).toJson();
  }

  @Override
  public List<JSONObject> refunds(String paymentId) throws RazorpayException {
    return client.payments.fetchAllRefunds(paymentId).stream().map(Entity::toJson).toList();
  }

  @Override
  public JSONObject refund(String paymentId, JSONObject request) throws RazorpayException {
    return client.payments.refund(paymentId, request).toJson();
  }
}
