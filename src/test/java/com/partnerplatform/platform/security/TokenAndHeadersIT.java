package com.partnerplatform.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Forged or stale access tokens are refused; API answers carry the security headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + TokenAndHeadersIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + TokenAndHeadersIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class TokenAndHeadersIT {

  static final String ADMIN_EMAIL = "tokens-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-token-its";

  @LocalServerPort
  int port;
  @Autowired
  SecretKey accessTokenKey;

  private TestHttp http;
  private String adminId;

  @BeforeEach
  void admin() {
    http = new TestHttp(port);
    TestAccounts accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    adminId = TestHttp.json(http.get("/api/users/me", accounts.admin().auth())).get("id").asString();
  }

  @Test
  void aTokenSignedWithTheServersKeyIsAccepted() throws JOSEException {
    assertThat(callUsers(signed(claims(AccessTokens.ISSUER, Instant.now().plusSeconds(300)), accessTokenKey))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String none = new PlainJWT(claims(AccessTokens.ISSUER, Instant.now().plusSeconds(300))).serialize();

    assertRefused(callUsers(none));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws JOSEException {
    SecretKey other = new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256");

    assertRefused(callUsers(signed(claims(AccessTokens.ISSUER, Instant.now().plusSeconds(300)), other)));
  }

  @Test
  void anExpiredTokenIsRefused() throws JOSEException {
    assertRefused(callUsers(signed(claims(AccessTokens.ISSUER, Instant.now().minus(Duration.ofMinutes(5))),
        accessTokenKey)));
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() throws JOSEException {
    assertRefused(callUsers(signed(claims("someone-else", Instant.now().plusSeconds(300)), accessTokenKey)));
  }

  @Test
  void aTamperedPayloadBreaksTheSignature() throws JOSEException {
    String[] parts = signed(claims(AccessTokens.ISSUER, Instant.now().plusSeconds(300)), accessTokenKey).split("\\.");
    String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    assertRefused(callUsers(forged));
  }

  @Test
  void answersCarryTheSecurityHeaders() {
    for (HttpResponse<String> response : List.of(http.get("/api/users/me"), http.get("/api/search/listings"),
        http.get("/api/users/me", "Authorization", "Bearer " + tryToken()))) {
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
      assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }
  }

  private String tryToken() {
    try {
      return signed(claims(AccessTokens.ISSUER, Instant.now().plusSeconds(300)), accessTokenKey);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> callUsers(String token) {
    return http.get("/api/users", "Authorization", "Bearer " + token);
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private JWTClaimsSet claims(String issuer, Instant expiresAt) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(adminId)
        .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
        .expirationTime(Date.from(expiresAt))
        .claim(AccessTokens.ROLES_CLAIM, List.of("USER", "ADMIN"))
        .build();
  }

  private static String signed(JWTClaimsSet claims, SecretKey key) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }
}
