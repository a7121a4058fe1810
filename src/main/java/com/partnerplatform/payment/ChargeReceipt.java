package com.partnerplatform.payment;

/** @param transactionId the gateway's reference of the charge */
public record ChargeReceipt(String transactionId) {}
