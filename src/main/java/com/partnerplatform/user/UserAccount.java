package com.partnerplatform.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A stored account with its roles. */
record UserAccount(
    UUID id,
    String email,
    String passwordHash,
    String name,
    String phone,
    UserStatus status,
    Set<Role> roles,
    Instant createdAt,
    Instant updatedAt) {

  /** E-mail addresses are compared and stored lower-cased, so uniqueness ignores case. */
  static String normalizeEmail(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** Role names in a stable order (declaration order of {@link Role}). */
  List<String> roleNames() {
    return roles.stream().sorted().map(Role::name).toList();
  }
}
