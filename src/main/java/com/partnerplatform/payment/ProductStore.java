package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code products} table. Reserving stock is {@link InventoryStore}'s job. */
@Repository
class ProductStore {

  private static final String COLUMNS = "sku, name, price, currency, stock, created_at, updated_at";

  private final JdbcClient jdbc;

  ProductStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the SKU exists */
  void insert(Product product) {
    jdbc.sql("insert into products (" + COLUMNS + ") values "
            + "(:sku, :name, :price, :currency, :stock, :createdAt, :updatedAt)")
        .param("sku", product.sku())
        .param("name", product.name())
        .param("price", product.price())
        .param("currency", product.currency())
        .param("stock", product.stock())
        .param("createdAt", SqlTimestamps.of(product.createdAt()))
        .param("updatedAt", SqlTimestamps.of(product.updatedAt()))
        .update();
  }

  Optional<Product> find(String sku) {
    return jdbc.sql("select " + COLUMNS + " from products where sku = :sku")
        .param("sku", sku)
        .query(ProductStore::product)
        .optional();
  }

  Map<String, Product> findAll(Collection<String> skus) {
    if (skus.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select " + COLUMNS + " from products where sku in (:skus)")
        .param("skus", skus)
        .query(ProductStore::product)
        .list()
        .stream()
        .collect(Collectors.toMap(Product::sku, Function.identity()));
  }

  List<Product> page(long offset, int limit) {
    return jdbc.sql("select " + COLUMNS + " from products order by sku limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query(ProductStore::product)
        .list();
  }

  long count() {
    return jdbc.sql("select count(*) from products").query(Long.class).single();
  }

  /** @return whether the product exists */
  boolean setStock(String sku, int stock, Instant now) {
    return jdbc.sql("update products set stock = :stock, updated_at = :now where sku = :sku")
        .param("sku", sku)
        .param("stock", stock)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
  }

  private static Product product(ResultSet rs, int row) throws SQLException {
    return new Product(rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("price"),
        rs.getString("currency"), rs.getInt("stock"), SqlTimestamps.read(rs, "created_at"),
        SqlTimestamps.read(rs, "updated_at"));
  }
}
