package com.partnerplatform.user.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Accounts made and logged in over the HTTP API, with unique e-mails so suites can run repeatedly. */
final class ApiUsers {

  static final String PASSWORD = "correct horse battery";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestHttp http;

  ApiUsers(TestHttp http) {
    this.http = http;
  }

  /** Registers a user and logs them in. */
  User register(String name) {
    String email = "notif-" + UUID.randomUUID() + "@partner-platform.test";
    HttpResponse<String> registered = http.sendJson("POST", "/api/auth/register",
        JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "name", name)));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    UUID id = UUID.fromString(TestHttp.json(registered).get("id").asString());
    return new User(id, email, name, login(email, PASSWORD));
  }

  String login(String email, String password) {
    HttpResponse<String> login = http.sendJson("POST", "/api/auth/login",
        JSON.writeValueAsString(Map.of("email", email, "password", password)));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return TestHttp.json(login).get("accessToken").asString();
  }

  record User(UUID id, String email, String name, String accessToken) {

    String[] auth() {
      return new String[] {"Authorization", "Bearer " + accessToken};
    }
  }
}
