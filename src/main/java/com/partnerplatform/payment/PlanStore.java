package com.partnerplatform.payment;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code plans} table. */
@Repository
class PlanStore {

  private static final String COLUMNS = "id, name, amount, currency, billing_period";

  private final JdbcClient jdbc;

  PlanStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when a plan has this id */
  void insert(Plan plan, Instant now) {
    jdbc.sql("insert into plans (" + COLUMNS + ", created_at) values "
            + "(:id, :name, :amount, :currency, :billingPeriod, :createdAt)")
        .param("id", plan.id())
        .param("name", plan.name())
        .param("amount", plan.amount())
        .param("currency", plan.currency())
        .param("billingPeriod", plan.period().value())
        .param("createdAt", SqlTimestamps.of(now))
        .update();
  }

  Optional<Plan> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from plans where id = :id")
        .param("id", id)
        .query(PlanStore::plan)
        .optional();
  }

  List<Plan> page(long offset, int limit) {
    return jdbc.sql("select " + COLUMNS + " from plans order by id limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query(PlanStore::plan)
        .list();
  }

  long count() {
    return jdbc.sql("select count(*) from plans").query(Long.class).single();
  }

  private static Plan plan(ResultSet rs, int row) throws SQLException {
    return new Plan(rs.getString("id"), rs.getString("name"), rs.getBigDecimal("amount"), rs.getString("currency"),
        BillingPeriod.fromValue(rs.getString("billing_period")));
  }
}
