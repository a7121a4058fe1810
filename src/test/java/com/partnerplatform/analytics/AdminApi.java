package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API as the admin that the test context creates at startup. */
final class AdminApi {

  static final String ADMIN_EMAIL = "analytics-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-analytics-its";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final TestHttp http;
  private final String token;

  AdminApi(int port) {
    http = new TestHttp(port);
    token = login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  String login(String email, String password) {
    HttpResponse<String> login = http.sendJson("POST", "/api/auth/login",
        JSON.writeValueAsString(Map.of("email", email, "password", password)));
    assertThat(login.statusCode()).as("login of %s", email).isEqualTo(200);
    return TestHttp.json(login).get("accessToken").asString();
  }

  HttpResponse<String> get(String path) {
    return http.get(path, "Authorization", "Bearer " + token);
  }

  HttpResponse<String> post(String path, Object body) {
    return http.sendJson("POST", path, JSON.writeValueAsString(body), "Authorization", "Bearer " + token);
  }

  static JsonNode json(HttpResponse<String> response) {
    return TestHttp.json(response);
  }
}
