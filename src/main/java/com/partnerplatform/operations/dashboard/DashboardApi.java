package com.partnerplatform.operations.dashboard;

import com.partnerplatform.platform.security.AccessTokens;
import com.partnerplatform.platform.security.Caller;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The dashboard's way to the platform's HTTP API: each call carries a short-lived access token of
 * the signed-in user, so it passes through exactly the API's authorisation, validation and
 * business rules, and the dashboard never bypasses what an API client could not.
 */
@Component
class DashboardApi {

  private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};

  private final Environment environment;
  private final AccessTokens tokens;

  DashboardApi(Environment environment, AccessTokens tokens) {
    this.environment = environment;
    this.tokens = tokens;
  }

  Map<String, Object> get(Authentication user, String path, Object... variables) {
    return call(() -> client(user).get().uri(path, variables).retrieve().body(OBJECT));
  }

  <T> T get(Authentication user, ParameterizedTypeReference<T> type, String path, Object... variables) {
    return call(() -> client(user).get().uri(path, variables).retrieve().body(type));
  }

  /** A file as the API serves it, with its content type and disposition. */
  org.springframework.http.ResponseEntity<byte[]> download(Authentication user, String path, Object... variables) {
    return call(() -> client(user).get().uri(path, variables).retrieve().toEntity(byte[].class));
  }

  /**
   * Posts a JSON body ({@code null} for none; a string is sent as it is, as JSON text) and returns the
   * answer's body, if any.
   */
  Map<String, Object> post(Authentication user, Object body, String path, Object... variables) {
    return call(() -> {
      RestClient.RequestBodySpec request = client(user).post().uri(path, variables);
      if (body != null) {
        request.contentType(MediaType.APPLICATION_JSON).body(body);
      }
      return request.retrieve().body(OBJECT);
    });
  }

  private RestClient client(Authentication user) {
    Caller caller = Caller.of(user);
    String email = user.getPrincipal() instanceof DashboardUser signedIn ? signedIn.email() : "";
    String token = tokens.issue(caller.userId(), email, caller.roles()).value();
    return RestClient.builder()
        .baseUrl(baseUrl())
        .defaultHeader("Authorization", "Bearer " + token)
        .build();
  }

  /** This process's own connector: its bound address (loopback when it binds every one) and context path. */
  private String baseUrl() {
    String address = environment.getProperty("server.address", "");
    String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1"
        : address.contains(":") ? "[" + address + "]" : address;
    return "http://" + host + ":" + environment.getRequiredProperty("local.server.port")
        + environment.getProperty("server.servlet.context-path", "");
  }

  private static <T> T call(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RestClientResponseException e) {
      Map<?, ?> problem = problem(e);
      Object code = problem.get("code");
      Object detail = problem.get("detail");
      throw new Refusal(e.getStatusCode(), code == null ? "HTTP_" + e.getStatusCode().value() : code.toString(),
          detail == null ? e.getStatusText() : detail.toString());
    }
  }

  private static Map<?, ?> problem(RestClientResponseException e) {
    try {
      Map<?, ?> body = e.getResponseBodyAs(Map.class);
      return body == null ? Map.of() : body;
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
  }

  /** The API refused the call: its status, problem code and detail, shown to the operator. */
  static final class Refusal extends RuntimeException {

    private final HttpStatusCode status;
    private final String code;

    Refusal(HttpStatusCode status, String code, String detail) {
      super(detail);
      this.status = status;
      this.code = code;
    }

    HttpStatusCode status() {
      return status;
    }

    String code() {
      return code;
    }
  }
}
