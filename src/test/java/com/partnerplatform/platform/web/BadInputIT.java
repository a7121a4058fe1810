package com.partnerplatform.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Regression tests for what fuzzing the API found: each of these was a 500 or not a problem document. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + BadInputIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + BadInputIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class BadInputIT {

  static final String ADMIN_EMAIL = "bad-input-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-bad-input-its";

  @LocalServerPort
  int port;

  private TestHttp http;
  private String[] admin;

  @BeforeEach
  void admin() {
    http = new TestHttp(port);
    admin = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD).admin().auth();
  }

  @Test
  void aMultipartBodyWithoutBoundaryIsABadRequest() {
    HttpResponse<String> response = http.send("POST", "/api/admin/search/reindex",
        "Content-Type", "multipart/form-data", admin[0], admin[1]);

    assertProblem(response, 400, "MALFORMED_REQUEST");
  }

  @Test
  void anUndecodableQueryStringIsABadRequest() {
    assertProblem(http.get("/api/search/listings?=", admin), 400, "MALFORMED_REQUEST");
    assertProblem(http.get("/api/search/listings?near=%F2%A2%8C%8E", admin), 400, "VALIDATION_FAILED");
    // A parameter name Spring Security's firewall rejects.
    assertProblem(http.get("/api/search/listings?%F3%AB%91%BB=6131731562", admin), 400, "MALFORMED_REQUEST");
  }

  @Test
  void aCoordinateThatDoesNotParseIsAValidationErrorEvenBesideAnotherBadParameter() {
    assertProblem(http.get("/api/search/listings?page=-1.9&near=%0C-099.27%0B,-700%0D"), 400, "VALIDATION_FAILED");
  }

  @Test
  void methodsTheServerDoesNotServeGetProblemDocuments() throws IOException {
    assertThat(raw("TRACE /api/users/me HTTP/1.1")).startsWith("HTTP/1.1 405")
        .contains("application/problem+json").contains("\"code\":\"METHOD_NOT_ALLOWED\"")
        .doesNotContain("timestamp");
    assertThat(raw("QUERY /api/admin/reports HTTP/1.1")).contains("application/problem+json");
  }

  /** The JDK client refuses TRACE, so it is written by hand. */
  private String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestHttp.json(response).get("code").asString()).isEqualTo(code);
  }
}
