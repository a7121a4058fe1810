package com.partnerplatform.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the short-lived JWT access tokens that every API call presents. */
@Component
public class AccessTokens {

  static final String ISSUER = "partner-platform";
  static final String ROLES_CLAIM = "roles";

  private final JwtEncoder encoder;
  private final SecurityProperties properties;
  private final Clock clock;

  public AccessTokens(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
    this.encoder = encoder;
    this.properties = properties;
    this.clock = clock;
  }

  /** A signed token for the user, valid for {@code platform.security.access-token-ttl}. */
  public IssuedToken issue(UUID userId, String email, Collection<String> roles) {
    Instant now = clock.instant();
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(ISSUER)
        .subject(userId.toString())
        .issuedAt(now)
        .expiresAt(now.plus(properties.accessTokenTtl()))
        .claim("email", email)
        .claim(ROLES_CLAIM, List.copyOf(roles))
        .build();
    String token = encoder
        .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
        .getTokenValue();
    return new IssuedToken(token, properties.accessTokenTtl().toSeconds());
  }

  public record IssuedToken(String value, long expiresInSeconds) {}
}
