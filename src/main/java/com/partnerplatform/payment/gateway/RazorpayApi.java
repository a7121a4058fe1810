package com.partnerplatform.payment.gateway;

import com.razorpay.RazorpayException;
import java.util.List;
import org.json.JSONObject;

/**
 * The calls {@link RazorpayGateway} makes, in the JSON the razorpay-java SDK speaks. The SDK's
 * address of the API is fixed, so this is where tests stand in for Razorpay.
 */
interface RazorpayApi {

  /** {@code GET /v1/payments/{id}} */
  JSONObject payment(String paymentId) throws RazorpayException;

  /** {@code GET /v1/payments} with {@code from}, {@code count} and {@code skip}: a page, newest first */
  List<JSONObject> payments(JSONObject query) throws RazorpayException;

  /** {@code GET /v1/orders/{id}/payments} */
  List<JSONObject> orderPayments(String orderId) throws RazorpayException;

  /** {@code POST /v1/payments/{id}/capture} */
  JSONObject capture(String paymentId, JSONObject request) throws RazorpayException;

  /** {@code GET /v1/payments/{id}/refunds} */
  List<JSONObject> refunds(String paymentId) throws RazorpayException;

  /** {@code POST /v1/payments/{id}/refund} */
  JSONObject refund(String paymentId, JSONObject request) throws RazorpayException;
}
