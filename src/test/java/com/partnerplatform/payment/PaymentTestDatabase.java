package com.partnerplatform.payment;

import com.partnerplatform.payment.gateway.PaymentGateway;
import com.partnerplatform.payment.gateway.SandboxGateway;
import com.partnerplatform.platform.MigratedTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The payment domain's stores and activities on a migrated database: H2 in memory by default, or
 * the database of PLATFORM_IT_DATABASE_URL (PostgreSQL in CI). Data is never cleaned up; tests use
 * fresh SKUs and order ids so that they can run again on a persistent database.
 */
final class PaymentTestDatabase {

  static final PaymentProperties PROPERTIES = new PaymentProperties(Duration.ofMinutes(10), Duration.ofMinutes(2),
      Duration.ofSeconds(10), List.of("USD", "EUR", "INR", "GBP"), List.of("card", "upi", "wallet", "bank_transfer"),
      "sandbox",
      new PaymentProperties.Stripe(null, null, PaymentProperties.Stripe.API_BASE),
      new PaymentProperties.Razorpay(null, null, null));

  final JdbcClient jdbc;
  final OrderStore orders;
  final ProductStore products;
  final InventoryStore inventory;
  final PaymentLedger ledger;
  final SandboxGateway gateway;
  final ChargeSettlement settlement;
  final GatewayDeadline deadline;
  /** What the stores and activities counted. */
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final PaymentMetrics metrics = new PaymentMetrics(meters);
  final PaymentActivitiesImpl activities;

  PaymentTestDatabase() {
    this(PROPERTIES, Clock.systemUTC(), UnaryOperator.identity());
  }

  /**
   * @param clock of the activities and the sandbox gateway
   * @param inFront wraps the sandbox gateway that the activities call, e.g. to delay its answers
   */
  PaymentTestDatabase(PaymentProperties properties, Clock clock, UnaryOperator<PaymentGateway> inFront) {
    DataSource source = MigratedTestDatabase.dataSource();
    PlatformTransactionManager transactions = new DataSourceTransactionManager(source);
    jdbc = JdbcClient.create(source);
    inventory = new InventoryStore(jdbc, transactions);
    orders = new OrderStore(jdbc, transactions, inventory, metrics);
    products = new ProductStore(jdbc);
    ledger = new PaymentLedger(jdbc);
    gateway = new SandboxGateway(jdbc, clock, properties, "", "", "");
    deadline = new GatewayDeadline(properties, clock);
    PaymentGateway called = inFront.apply(gateway);
    settlement = new ChargeSettlement(ledger, called, deadline, clock);
    activities = new PaymentActivitiesImpl(orders, inventory, ledger, new FulfilmentStore(jdbc, transactions),
        called, settlement, deadline, new PaymentRules(properties), metrics, clock);
  }


  /** A new product priced 10.00 USD. */
  String product(int stock) {
    String sku = "SKU-" + UUID.randomUUID();
    Instant now = Instant.now();
    products.insert(new Product(sku, "Test product", new BigDecimal("10.00"), "USD", stock, now, now));
    return sku;
  }

  /** A new pending order of a random user for the items (10.00 USD each). */
  UUID order(Order.Item... items) {
    BigDecimal amount = BigDecimal.ZERO;
    for (Order.Item item : items) {
      amount = amount.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
    }
    Instant now = Instant.now();
    UUID id = UUID.randomUUID();
    orders.insert(new Order(id, UUID.randomUUID(), List.of(items), amount, "USD", OrderStatus.PENDING, null, null,
        null, null, null, now, now));
    return id;
  }

  static Order.Item item(String sku, int quantity) {
    return new Order.Item(sku, quantity, new BigDecimal("10.00"));
  }

  int stock(String sku) {
    return products.find(sku).orElseThrow().stock();
  }

  Order find(UUID orderId) {
    return orders.find(orderId).orElseThrow();
  }

  /** What the sandbox gateway's book holds of the order's money: its charges less their refunds. */
  BigDecimal gatewayNet(UUID orderId) {
    return jdbc.sql("select coalesce(sum(case when c.operation = 'charge' then c.amount else -c.amount end), 0) "
            + "from sandbox_gateway_requests c where c.outcome = 'succeeded' and (c.idempotency_key like :charges "
            + "or c.idempotency_key like :refunds)")
        .param("charges", "payment-" + orderId + "%")
        .param("refunds", "refund-payment-" + orderId + "%")
        .query(BigDecimal.class)
        .single();
  }

  List<String> reservationStatuses(UUID orderId) {
    return jdbc.sql("select status from inventory_reservations where order_id = :id order by sku")
        .param("id", orderId)
        .query(String.class)
        .list();
  }
}
