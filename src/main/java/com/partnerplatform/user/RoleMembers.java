package com.partnerplatform.user;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link UserDirectory} over the {@code users} and {@code user_roles} tables. */
@Repository
class RoleMembers implements UserDirectory {

  private final JdbcClient jdbc;

  RoleMembers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<UUID> usersWithRole(String role) {
    return jdbc.sql("select u.id from users u join user_roles r on r.user_id = u.id "
            + "where r.role = :role and u.status <> :disabled order by u.created_at, u.id")
        .param("role", Role.valueOf(role.toUpperCase(Locale.ROOT)).name())
        .param("disabled", UserStatus.DISABLED.value())
        .query((rs, row) -> rs.getObject("id", UUID.class))
        .list();
  }
}
