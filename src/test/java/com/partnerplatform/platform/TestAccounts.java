package com.partnerplatform.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts made over the HTTP API with unique e-mail addresses, so suites can run repeatedly
 * against the same database; roles are granted by the bootstrap admin.
 */
public final class TestAccounts {

  public static final String PASSWORD = "correct horse battery";

  private final TestHttp http;
  private final Account admin;

  public TestAccounts(TestHttp http, String adminEmail, String adminPassword) {
    this.http = http;
    String token = token(adminEmail, adminPassword);
    this.admin = new Account(null, adminEmail, token);
  }

  public Account admin() {
    return admin;
  }

  /** A new account with the given roles (USER only when none), logged in with them. */
  public Account create(String prefix, String... roles) {
    String email = prefix + "-" + UUID.randomUUID() + "@partner-platform.test";
    HttpResponse<String> registered = http.sendJson("POST", "/api/auth/register",
        TestHttp.toJson(Map.of("email", email, "password", PASSWORD, "name", prefix)));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    UUID id = UUID.fromString(TestHttp.json(registered).get("id").asString());
    if (roles.length > 0) {
      HttpResponse<String> granted = http.sendJson("PUT", "/api/users/" + id + "/roles",
          TestHttp.toJson(Map.of("roles", List.of(roles))), admin.auth());
      assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    }
    return new Account(id, email, token(email, PASSWORD));
  }

  private String token(String email, String password) {
    HttpResponse<String> login = http.sendJson("POST", "/api/auth/login",
        TestHttp.toJson(Map.of("email", email, "password", password)));
    assertThat(login.statusCode()).as("login of %s: %s", email, login.body()).isEqualTo(200);
    return TestHttp.json(login).get("accessToken").asString();
  }

  /** A logged-in account; {@link #auth} gives its Authorization header for TestHttp. */
  public record Account(UUID id, String email, String accessToken) {

    /** The Authorization header, then any further header name/value pairs. */
    public String[] auth(String... headers) {
      String[] all = new String[headers.length + 2];
      all[0] = "Authorization";
      all[1] = "Bearer " + accessToken;
      System.arraycopy(headers, 0, all, 2, headers.length);
      return all;
    }
  }
}
