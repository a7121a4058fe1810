package com.partnerplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The authentication and users API over HTTP, as a client sees it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + AuthApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + AuthApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class AuthApiIT {

  // Mixed case on purpose: accounts are stored and matched lower-cased.
  static final String ADMIN_EMAIL = "IT-Admin@Partner-Platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-its";
  private static final String PASSWORD = "correct horse battery";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Test
  void registersLogsInAndReadsTheOwnAccount() {
    String email = uniqueEmail();
    Response registered = post("/api/auth/register", null,
        Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace"));

    assertThat(registered.status()).isEqualTo(201);
    String id = registered.json().get("id").asString();
    assertThat(registered.header("Location")).endsWith("/api/users/" + id);
    assertThat(registered.json().get("email").asString()).isEqualTo(email.toLowerCase());
    assertThat(registered.json().get("name").asString()).isEqualTo("Ada Lovelace");
    assertThat(strings(registered.json().get("roles"))).containsExactly("USER");
    assertThat(registered.json().get("status").asString()).isEqualTo("onboarding");

    Response login = post("/api/auth/login", null, Map.of("email", email.toUpperCase(), "password", PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
    assertThat(login.json().get("expiresIn").asLong()).isEqualTo(1800);
    assertThat(login.json().get("refreshToken").asString()).isNotBlank();
    String accessToken = login.json().get("accessToken").asString();

    Response me = get("/api/users/me", accessToken);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("id").asString()).isEqualTo(id);
    assertThat(me.json().get("email").asString()).isEqualTo(email.toLowerCase());
    assertThat(me.json().get("phone").isNull()).isTrue();
    assertThat(strings(me.json().get("roles"))).containsExactly("USER");
    assertThat(me.json().get("status").asString()).isEqualTo("onboarding");
    assertThat(me.json().get("createdAt").asString()).isNotBlank();

    assertThat(get("/api/users/" + id, accessToken).json().get("email").asString())
        .isEqualTo(email.toLowerCase());
  }

  @Test
  void aTakenEmailIsRefusedWhateverItsCaseAndNothingIsOverwritten() {
    String email = uniqueEmail();
    assertThat(register(email).status()).isEqualTo(201);

    Response again = post("/api/auth/register", null,
        Map.of("email", email.toUpperCase(), "password", "another password", "name", "Impostor"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("EMAIL_TAKEN");
    assertThat(post("/api/auth/login", null, Map.of("email", email, "password", "another password")).status())
        .isEqualTo(401);
    assertThat(get("/api/users/me", accessToken(email)).json().get("name").asString()).isEqualTo("Test User");
  }

  @Test
  void anInvalidRegistrationListsEveryBadField() {
    Response response = post("/api/auth/register", null, Map.of("email", "not-an-email", "password", "short"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
    List<String> fields = new ArrayList<>();
    response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("email", "password", "name");
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() {
    String email = uniqueEmail();
    register(email);

    Response wrongPassword = post("/api/auth/login", null, Map.of("email", email, "password", "wrong password"));
    Response unknownEmail = post("/api/auth/login", null, Map.of("email", uniqueEmail(), "password", PASSWORD));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(unknownEmail.status()).isEqualTo(401);
    // The same problem, word for word; only the trace id names each request.
    assertThat(withoutTraceId(unknownEmail.json())).isEqualTo(withoutTraceId(wrongPassword.json()));
  }

  private static JsonNode withoutTraceId(JsonNode problem) {
    ObjectNode copy = ((ObjectNode) problem).deepCopy();
    copy.remove("traceId");
    return copy;
  }

  @Test
  void theEleventhWrongPasswordInARowIsThrottled() {
    String email = uniqueEmail();
    register(email);
    for (int attempt = 1; attempt <= 10; attempt++) {
      assertThat(post("/api/auth/login", null, Map.of("email", email, "password", "wrong password " + attempt))
          .status()).as("attempt %d", attempt).isEqualTo(401);
    }

    Response eleventh = post("/api/auth/login", null, Map.of("email", email, "password", "wrong password 11"));

    assertThat(eleventh.status()).isEqualTo(429);
    assertThat(eleventh.code()).isEqualTo("TOO_MANY_ATTEMPTS");
    assertThat(Long.parseLong(eleventh.header("Retry-After"))).isPositive();
    // While throttled even the right password is not checked.
    assertThat(post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD)).status())
        .isEqualTo(429);
  }

  @Test
  void refreshRotatesTheRefreshToken() {
    String email = uniqueEmail();
    register(email);
    String first = login(email, PASSWORD).get("refreshToken").asString();

    Response rotated = refresh(first);
    assertThat(rotated.status()).isEqualTo(200);
    String second = rotated.json().get("refreshToken").asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(rotated.json().get("tokenType").asString()).isEqualTo("Bearer");
    assertThat(get("/api/users/me", rotated.json().get("accessToken").asString()).status()).isEqualTo(200);

    assertThat(refresh(second).status()).isEqualTo(200);
  }

  @Test
  void reusingARotatedTokenRevokesItsWholeFamilyOnly() {
    String email = uniqueEmail();
    register(email);
    String first = login(email, PASSWORD).get("refreshToken").asString();
    String otherSession = login(email, PASSWORD).get("refreshToken").asString();
    String second = refresh(first).json().get("refreshToken").asString();

    Response reuse = refresh(first);

    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.code()).isEqualTo("REFRESH_TOKEN_REUSED");
    Response newest = refresh(second);
    assertThat(newest.status()).isEqualTo(401);
    assertThat(newest.code()).isEqualTo("INVALID_REFRESH_TOKEN");
    assertThat(refresh(otherSession).status()).isEqualTo(200);
  }

  @Test
  void concurrentRefreshesWithOneTokenCannotBothSucceed() {
    String email = uniqueEmail();
    register(email);
    String token = login(email, PASSWORD).get("refreshToken").asString();

    List<CompletableFuture<Response>> attempts = IntStream.range(0, 8)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> refresh(token)))
        .toList();
    List<Response> responses = attempts.stream().map(CompletableFuture::join).toList();

    assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(1);
    assertThat(responses).filteredOn(response -> response.status() != 200)
        .allSatisfy(response -> {
          assertThat(response.status()).isEqualTo(401);
          assertThat(response.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        });
  }

  @Test
  void unknownRefreshTokensAreRefused() {
    Response response = refresh("no-such-token");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.code()).isEqualTo("INVALID_REFRESH_TOKEN");
  }

  @Test
  void logoutEndsTheSessionIncludingRotatedTokens() {
    String email = uniqueEmail();
    register(email);
    String first = login(email, PASSWORD).get("refreshToken").asString();
    String second = refresh(first).json().get("refreshToken").asString();

    assertThat(post("/api/auth/logout", null, Map.of("refreshToken", second)).status()).isEqualTo(204);

    Response afterLogout = refresh(second);
    assertThat(afterLogout.status()).isEqualTo(401);
    assertThat(afterLogout.code()).isEqualTo("INVALID_REFRESH_TOKEN");
    assertThat(post("/api/auth/logout", null, Map.of("refreshToken", "no-such-token")).status()).isEqualTo(204);
  }

  @Test
  void theApiNeedsAValidAccessToken() {
    Response anonymous = get("/api/users/me", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");

    Response forged = get("/api/users/me", "not-a-jwt");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void usersCannotListOrReadOtherAccounts() {
    String email = uniqueEmail();
    register(email);
    String otherId = register(uniqueEmail()).json().get("id").asString();
    String token = accessToken(email);

    Response list = get("/api/users", token);
    assertThat(list.status()).isEqualTo(403);
    assertThat(list.code()).isEqualTo("FORBIDDEN");
    assertThat(get("/api/users/" + otherId, token).status()).isEqualTo(403);
    assertThat(put("/api/users/" + otherId + "/roles", token, Map.of("roles", List.of("ADMIN"))).status())
        .isEqualTo(403);
  }

  @Test
  void usersChangeTheirNameAndPhone() {
    String email = uniqueEmail();
    register(email);
    String token = accessToken(email);

    Response changed = patch("/api/users/me", token, Map.of("name", "Grace Hopper", "phone", "+1 (555) 010-9999"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("name").asString()).isEqualTo("Grace Hopper");
    assertThat(changed.json().get("phone").asString()).isEqualTo("+1 (555) 010-9999");

    Response nameOnly = patch("/api/users/me", token, Map.of("name", "Grace B. Hopper"));
    assertThat(nameOnly.json().get("phone").asString()).isEqualTo("+1 (555) 010-9999");

    Response invalid = patch("/api/users/me", token, Map.of("name", " ", "phone", "call me"));
    assertThat(invalid.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    invalid.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("name", "phone");
    assertThat(get("/api/users/me", token).json().get("name").asString()).isEqualTo("Grace B. Hopper");

    Response phoneRemoved = patch("/api/users/me", token, Map.of("phone", ""));
    assertThat(phoneRemoved.json().get("phone").isNull()).isTrue();
  }

  @Test
  void theBootstrappedAdminListsUsersAndChangesRolesThatApplyFromTheNextRefresh() {
    String email = uniqueEmail();
    String userId = register(email).json().get("id").asString();
    JsonNode userTokens = login(email, PASSWORD);
    String adminToken = login(ADMIN_EMAIL.toLowerCase(), ADMIN_PASSWORD).get("accessToken").asString();

    Response admin = get("/api/users/me", adminToken);
    assertThat(strings(admin.json().get("roles"))).containsExactly("USER", "ADMIN");
    assertThat(admin.json().get("email").asString()).isEqualTo(ADMIN_EMAIL.toLowerCase());

    Response page = get("/api/users?page=0&size=100", adminToken);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().get("page").asInt()).isZero();
    assertThat(page.json().get("size").asInt()).isEqualTo(100);
    assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
    List<String> listed = new ArrayList<>();
    page.json().get("items").forEach(item -> listed.add(item.get("id").asString()));
    assertThat(listed).contains(userId);
    assertThat(get("/api/users?size=1", adminToken).json().get("items")).hasSize(1);
    assertThat(get("/api/users?size=101", adminToken).status()).isEqualTo(400);
    assertThat(get("/api/users?page=-1", adminToken).status()).isEqualTo(400);
    assertThat(get("/api/users?page=first", adminToken).status()).isEqualTo(400);

    Response missing = get("/api/users/" + UUID.randomUUID(), adminToken);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("USER_NOT_FOUND");
    assertThat(get("/api/users/" + userId, adminToken).status()).isEqualTo(200);

    Response unknownRole = put("/api/users/" + userId + "/roles", adminToken, Map.of("roles", List.of("OWNER")));
    assertThat(unknownRole.status()).isEqualTo(400);
    assertThat(unknownRole.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(put("/api/users/" + userId + "/roles", adminToken, Map.of("roles", List.of())).status())
        .isEqualTo(400);

    Response promoted = put("/api/users/" + userId + "/roles", adminToken, Map.of("roles", List.of("ADMIN", "USER")));
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(strings(promoted.json().get("roles"))).containsExactly("USER", "ADMIN");

    // The access token issued before the change still carries the old roles ...
    assertThat(get("/api/users", userTokens.get("accessToken").asString()).status()).isEqualTo(403);
    // ... the next refresh reads the new ones.
    String refreshed = refresh(userTokens.get("refreshToken").asString()).json().get("accessToken").asString();
    assertThat(rolesClaim(refreshed)).containsExactlyInAnyOrder("USER", "ADMIN");
    assertThat(get("/api/users", refreshed).status()).isEqualTo(200);
  }

  @Test
  void everyEndpointIsDocumentedWithTheBearerScheme() {
    JsonNode docs = get("/v3/api-docs", null).json();

    assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
    assertThat(docs.at("/paths/~1api~1users~1me/get/security/0/bearer").isArray()).isTrue();
    assertThat(docs.at("/paths/~1api~1users~1{id}~1roles/put/security/0/bearer").isArray()).isTrue();
    assertThat(docs.at("/paths/~1api~1auth~1login/post/security").isMissingNode()).isTrue();
    for (String operation : List.of("/~1api~1auth~1register/post", "/~1api~1auth~1login/post",
        "/~1api~1auth~1refresh/post", "/~1api~1auth~1logout/post", "/~1api~1users~1me/get",
        "/~1api~1users~1me/patch", "/~1api~1users/get", "/~1api~1users~1{id}/get",
        "/~1api~1users~1{id}~1roles/put")) {
      assertThat(docs.at("/paths" + operation + "/summary").asString()).as(operation).isNotBlank();
    }
  }

  private static String uniqueEmail() {
    return "Auth-" + UUID.randomUUID() + "@Example.com";
  }

  private Response register(String email) {
    return post("/api/auth/register", null, Map.of("email", email, "password", PASSWORD, "name", "Test User"));
  }

  private JsonNode login(String email, String password) {
    Response response = post("/api/auth/login", null, Map.of("email", email, "password", password));
    assertThat(response.status()).as("login of %s", email).isEqualTo(200);
    return response.json();
  }

  private String accessToken(String email) {
    return login(email, PASSWORD).get("accessToken").asString();
  }

  private Response refresh(String refreshToken) {
    return post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static List<String> rolesClaim(String jwt) {
    byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
    return strings(JSON.readTree(payload).get("roles"));
  }

  private Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  private Response post(String path, String token, Object body) {
    return send("POST", path, token, body);
  }

  private Response put(String path, String token, Object body) {
    return send("PUT", path, token, body);
  }

  private Response patch(String path, String token, Object body) {
    return send("PATCH", path, token, body);
  }

  private Response send(String method, String path, String token, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
    }
  }

  private record Response(HttpResponse<String> raw) {

    int status() {
      return raw.statusCode();
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    JsonNode json() {
      return raw.body().isEmpty() ? JSON.missingNode() : JSON.readTree(raw.body());
    }

    String code() {
      return json().path("code").asString();
    }
  }
}
