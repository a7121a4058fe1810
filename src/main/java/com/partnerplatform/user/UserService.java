package com.partnerplatform.user;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation, profiles and roles. */
@Service
class UserService {

  private final UserStore users;
  private final PasswordEncoder passwordEncoder;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  UserService(UserStore users, PasswordEncoder passwordEncoder, Clock clock,
      ApplicationEventPublisher events) {
    this.users = users;
    this.passwordEncoder = passwordEncoder;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Creates a USER account in status {@code onboarding} and publishes {@link UserRegistered}, on
   * which onboarding starts once the account is committed.
   *
   * @throws ApiException 409 {@code EMAIL_TAKEN} when the e-mail is registered already
   */
  @Transactional
  UserAccount register(String email, String password, String name) {
    UserAccount user = insert(email, password, name, EnumSet.of(Role.USER), UserStatus.ONBOARDING);
    events.publishEvent(new UserRegistered(user.id(), user.email(), user.name()));
    return user;
  }

  /**
   * Creates an active account without onboarding (e.g. the bootstrap admin).
   *
   * @throws ApiException 409 {@code EMAIL_TAKEN} when the e-mail is registered already
   */
  UserAccount create(String email, String password, String name, Set<Role> roles) {
    return insert(email, password, name, roles, UserStatus.ACTIVE);
  }

  private UserAccount insert(String email, String password, String name, Set<Role> roles, UserStatus status) {
    Instant now = now();
    UserAccount user = new UserAccount(UUID.randomUUID(), UserAccount.normalizeEmail(email),
        passwordEncoder.encode(password), name.trim(), null, status, Set.copyOf(roles), now, now);
    try {
      users.insert(user);
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict("EMAIL_TAKEN", "An account with this e-mail address exists already.");
    }
    return user;
  }

  UserAccount get(UUID id) {
    return users.findById(id).orElseThrow(() -> notFound(id));
  }

  /**
   * Changes the given fields only; {@code null} leaves a field as it is and an empty phone removes
   * the phone number.
   */
  @Transactional
  UserAccount updateProfile(UUID id, String name, String phone) {
    UserAccount user = get(id);
    String newName = name == null ? user.name() : name.trim();
    String newPhone = phone == null ? user.phone() : phone.isBlank() ? null : phone.trim();
    users.updateProfile(id, newName, newPhone, now());
    return get(id);
  }

  UserPage list(int page, int size) {
    return new UserPage(users.page((long) page * size, size), page, size, users.count());
  }

  /** Takes effect in the user's access tokens from their next refresh. */
  UserAccount replaceRoles(UUID id, Set<Role> roles) {
    if (!users.replaceRoles(id, roles, now())) {
      throw notFound(id);
    }
    return get(id);
  }

  private Instant now() {
    return SqlTimestamps.now(clock);
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("USER_NOT_FOUND", "There is no user " + id + ".");
  }

  record UserPage(List<UserAccount> users, int page, int size, long total) {}
}
