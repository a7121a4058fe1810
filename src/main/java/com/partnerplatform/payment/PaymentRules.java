package com.partnerplatform.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The seed's payment rules: a positive amount, an accepted currency and payment method type. */
@Component
class PaymentRules {

  private final PaymentProperties properties;

  PaymentRules(PaymentProperties properties) {
    this.properties = properties;
  }

  boolean acceptsCurrency(String currency) {
    return properties.currencies().contains(currency);
  }

  boolean acceptsMethod(String methodType) {
    return properties.methods().contains(methodType);
  }

  String currencyRule() {
    return "The currency must be one of " + String.join(", ", properties.currencies()) + ".";
  }

  String methodRule() {
    return "The payment method type must be one of " + String.join(", ", properties.methods()) + ".";
  }

  /** @return the rules the payment breaks; empty when it may be charged */
  List<String> violations(BigDecimal amount, String currency, String methodType) {
    List<String> violations = new ArrayList<>();
    if (amount == null || amount.signum() <= 0) {
      violations.add("The amount must be greater than 0.");
    }
    if (!acceptsCurrency(currency)) {
      violations.add(currencyRule());
    }
    if (!acceptsMethod(methodType)) {
      violations.add(methodRule());
    }
    return violations;
  }
}
