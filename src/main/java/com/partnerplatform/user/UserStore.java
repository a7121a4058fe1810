package com.partnerplatform.user;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL for the {@code users} and {@code user_roles} tables. */
@Repository
class UserStore {

  private static final String COLUMNS =
      "id, email, password_hash, name, phone, status, created_at, updated_at";

  private final JdbcClient jdbc;

  UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the account and its roles.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the e-mail is taken
   */
  @Transactional
  void insert(UserAccount user) {
    jdbc.sql("insert into users (" + COLUMNS + ") values "
            + "(:id, :email, :passwordHash, :name, :phone, :status, :createdAt, :updatedAt)")
        .param("id", user.id())
        .param("email", user.email())
        .param("passwordHash", user.passwordHash())
        .param("name", user.name())
        .param("phone", user.phone())
        .param("status", user.status().value())
        .param("createdAt", SqlTimestamps.of(user.createdAt()))
        .param("updatedAt", SqlTimestamps.of(user.updatedAt()))
        .update();
    insertRoles(user.id(), user.roles());
  }

  Optional<UserAccount> findById(UUID id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = :id")
        .param("id", id)
        .query(UserStore::account)
        .optional()
        .map(this::withRoles);
  }

  Optional<UserAccount> findByEmail(String normalizedEmail) {
    return jdbc.sql("select " + COLUMNS + " from users where email = :email")
        .param("email", normalizedEmail)
        .query(UserStore::account)
        .optional()
        .map(this::withRoles);
  }

  /** Newest first, so an admin sees recent sign-ups on the first page. */
  List<UserAccount> page(long offset, int limit) {
    List<UserAccount> users = jdbc.sql("select " + COLUMNS + " from users "
            + "order by created_at desc, id limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query(UserStore::account)
        .list();
    Map<UUID, Set<Role>> roles = rolesOf(users.stream().map(UserAccount::id).toList());
    return users.stream()
        .map(user -> withRoles(user, roles.getOrDefault(user.id(), EnumSet.noneOf(Role.class))))
        .toList();
  }

  long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  void updateProfile(UUID id, String name, String phone, Instant now) {
    jdbc.sql("update users set name = :name, phone = :phone, updated_at = :now where id = :id")
        .param("id", id)
        .param("name", name)
        .param("phone", phone)
        .param("now", SqlTimestamps.of(now))
        .update();
  }

  /** @return whether the user exists */
  @Transactional
  boolean replaceRoles(UUID id, Set<Role> roles, Instant now) {
    boolean exists = jdbc.sql("update users set updated_at = :now where id = :id")
        .param("id", id)
        .param("now", SqlTimestamps.of(now))
        .update() == 1;
    if (!exists) {
      return false;
    }
    jdbc.sql("delete from user_roles where user_id = :id").param("id", id).update();
    insertRoles(id, roles);
    return true;
  }

  private void insertRoles(UUID userId, Set<Role> roles) {
    for (Role role : roles) {
      jdbc.sql("insert into user_roles (user_id, role) values (:userId, :role)")
          .param("userId", userId)
          .param("role", role.name())
          .update();
    }
  }

  private UserAccount withRoles(UserAccount user) {
    return withRoles(user, rolesOf(List.of(user.id())).getOrDefault(user.id(), EnumSet.noneOf(Role.class)));
  }

  private static UserAccount withRoles(UserAccount user, Set<Role> roles) {
    return new UserAccount(user.id(), user.email(), user.passwordHash(), user.name(), user.phone(),
        user.status(), Set.copyOf(roles), user.createdAt(), user.updatedAt());
  }

  private Map<UUID, Set<Role>> rolesOf(Collection<UUID> userIds) {
    Map<UUID, Set<Role>> roles = new HashMap<>();
    if (userIds.isEmpty()) {
      return roles;
    }
    jdbc.sql("select user_id, role from user_roles where user_id in (:ids)")
        .param("ids", userIds)
        .query(rs -> {
          roles.computeIfAbsent(rs.getObject("user_id", UUID.class), id -> EnumSet.noneOf(Role.class))
              .add(Role.valueOf(rs.getString("role")));
        });
    return roles;
  }

  /** The row without its roles. */
  private static UserAccount account(ResultSet rs, int row) throws SQLException {
    return new UserAccount(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("password_hash"),
        rs.getString("name"),
        rs.getString("phone"),
        UserStatus.fromValue(rs.getString("status")),
        Set.of(),
        SqlTimestamps.read(rs, "created_at"),
        SqlTimestamps.read(rs, "updated_at"));
  }
}
