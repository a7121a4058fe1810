package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Orders as customers place and read them. Paying them is {@link PaymentService}'s job. */
@Service
class OrderService {

  private final OrderStore orders;
  private final ProductStore products;
  private final PaymentRules rules;
  private final Clock clock;

  OrderService(OrderStore orders, ProductStore products, PaymentRules rules, Clock clock) {
    this.orders = orders;
    this.products = products;
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * A pending order at today's prices; lines of the same SKU are added up. Stock is not checked
   * here: it is reserved when the order is paid.
   */
  Order create(UUID userId, List<OrderLine> lines, String currency) {
    if (!rules.acceptsCurrency(currency)) {
      throw ApiException.badRequest("UNSUPPORTED_CURRENCY", rules.currencyRule());
    }
    Map<String, Integer> quantities = new LinkedHashMap<>();
    lines.forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
    Map<String, Product> known = products.findAll(quantities.keySet());
    Set<String> unknown = quantities.keySet().stream()
        .filter(sku -> !known.containsKey(sku))
        .collect(Collectors.toCollection(TreeSet::new));
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("UNKNOWN_PRODUCT", "No product with SKU " + String.join(", ", unknown) + ".");
    }
    List<Order.Item> items = new ArrayList<>();
    BigDecimal amount = BigDecimal.ZERO;
    for (Map.Entry<String, Integer> line : quantities.entrySet()) {
      Product product = known.get(line.getKey());
      if (!product.currency().equals(currency)) {
        throw ApiException.badRequest("CURRENCY_MISMATCH",
            product.sku() + " is priced in " + product.currency() + ", not " + currency + ".");
      }
      items.add(new Order.Item(product.sku(), line.getValue(), product.price()));
      amount = amount.add(product.price().multiply(BigDecimal.valueOf(line.getValue())));
    }
    Instant now = SqlTimestamps.now(clock);
    Order order = new Order(UUID.randomUUID(), userId, items, amount, currency, OrderStatus.PENDING, null, null,
        null, null, null, now, now);
    orders.insert(order);
    return order;
  }

  /** The order if the caller placed it or is an admin; others learn nothing of it. */
  Order visible(Caller caller, UUID orderId) {
    Order order = find(orderId);
    if (!caller.admin() && !order.userId().equals(caller.userId())) {
      throw notFound(orderId);
    }
    return order;
  }

  /** The order if the caller placed it: only the buyer pays. */
  Order own(Caller caller, UUID orderId) {
    Order order = find(orderId);
    if (!order.userId().equals(caller.userId())) {
      throw notFound(orderId);
    }
    return order;
  }

  Order find(UUID orderId) {
    return orders.find(orderId).orElseThrow(() -> notFound(orderId));
  }

  /** Newest first: the caller's own orders, or everyone's for an admin. */
  OrderPage list(Caller caller, int page, int size) {
    UUID owner = caller.admin() ? null : caller.userId();
    return new OrderPage(orders.page(owner, (long) page * size, size), page, size, orders.count(owner));
  }

  private static ApiException notFound(UUID orderId) {
    return ApiException.notFound("ORDER_NOT_FOUND", "There is no order " + orderId + ".");
  }

  record OrderLine(String sku, int quantity) {}

  record OrderPage(List<Order> orders, int page, int size, long total) {}
}
