package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import static com.partnerplatform.user.UserStatus.ACTIVE;
import static com.partnerplatform.user.UserStatus.ONBOARDING;
import static com.partnerplatform.user.UserStatus.ONBOARDING_FAILED;
import static com.partnerplatform.user.UserStatus.UNVERIFIED;

import com.partnerplatform.user.UserStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for what onboarding reads and changes of an account: its name and its status. */
@Repository
class AccountStatusStore {

  /** The status changes onboarding makes, each allowed only from the statuses listed. */
  enum Transition {
    BEGIN(ONBOARDING, UNVERIFIED, ONBOARDING_FAILED),
    ACTIVATE(ACTIVE, ONBOARDING, UNVERIFIED, ONBOARDING_FAILED),
    EXPIRE(UNVERIFIED, ONBOARDING),
    FAIL(ONBOARDING_FAILED, ONBOARDING);

    private final UserStatus to;
    private final Set<UserStatus> from;

    Transition(UserStatus to, UserStatus... from) {
      this.to = to;
      this.from = EnumSet.copyOf(List.of(from));
    }
  }

  private final JdbcClient jdbc;

  AccountStatusStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Account> find(UUID userId) {
    return jdbc.sql("select name, status from users where id = :id")
        .param("id", userId)
        .query((rs, row) -> new Account(rs.getString("name"), UserStatus.fromValue(rs.getString("status"))))
        .optional();
  }

  /**
   * Applies the transition when the account's status allows it.
   *
   * @return the status afterwards, changed or not; empty for an unknown account
   */
  Optional<UserStatus> apply(UUID userId, Transition transition, Instant now) {
    jdbc.sql("update users set status = :to, updated_at = :now where id = :id and status in (:from)")
        .param("to", transition.to.value())
        .param("now", SqlTimestamps.of(now))
        .param("id", userId)
        .param("from", transition.from.stream().map(UserStatus::value).toList())
        .update();
    return find(userId).map(Account::status);
  }

  record Account(String name, UserStatus status) {}
}
