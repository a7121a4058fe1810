package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API as the admin that the test context creates at startup. */
final class AdminApi {

  static final String ADMIN_EMAIL = "analytics-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-analytics-its";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final TestHttp http;
  private final String baseUrl;
  private final String token;

  AdminApi(int port) {
    http = new TestHttp(port);
    baseUrl = "http://127.0.0.1:" + port;
    token = login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  String login(String email, String password) {
    HttpResponse<String> login = http.sendJson("POST", "/api/auth/login",
        JSON.writeValueAsString(Map.of("email", email, "password", password)));
    assertThat(login.statusCode()).as("login of %s", email).isEqualTo(200);
    return TestHttp.json(login).get("accessToken").asString();
  }

  String token() {
    return token;
  }

  HttpResponse<String> get(String path) {
    return http.get(path, "Authorization", "Bearer " + token);
  }

  /** A GET whose body is kept as bytes (files). */
  HttpResponse<byte[]> download(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, Object body) {
    return http.sendJson("POST", path, JSON.writeValueAsString(body), "Authorization", "Bearer " + token);
  }

  static JsonNode json(HttpResponse<String> response) {
    return TestHttp.json(response);
  }
}
