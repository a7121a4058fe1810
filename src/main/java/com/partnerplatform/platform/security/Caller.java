package com.partnerplatform.platform.security;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls the API: access tokens name the user id as their subject and carry the roles.
 *
 * @param userId the caller's user id
 * @param roles the caller's roles without the {@code ROLE_} prefix (e.g. {@code ADMIN})
 */
public record Caller(UUID userId, Set<String> roles) {

  private static final String PREFIX = "ROLE_";

  public static Caller of(Authentication authentication) {
    Set<String> roles = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(PREFIX))
        .map(authority -> authority.substring(PREFIX.length()))
        .collect(Collectors.toUnmodifiableSet());
    return new Caller(UUID.fromString(authentication.getName()), roles);
  }

  /** The user id an access token was issued to. */
  public static UUID userId(Jwt token) {
    return UUID.fromString(token.getSubject());
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  public boolean admin() {
    return has("ADMIN");
  }
}
