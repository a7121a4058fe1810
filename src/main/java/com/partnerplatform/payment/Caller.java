package com.partnerplatform.payment;

import java.util.UUID;
import org.springframework.security.core.Authentication;

/** Who calls the API: access tokens name the user id as their subject and carry the roles. */
record Caller(UUID userId, boolean admin) {

  static Caller of(Authentication authentication) {
    boolean admin = authentication.getAuthorities().stream()
        .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
    return new Caller(UUID.fromString(authentication.getName()), admin);
  }
}
