package com.partnerplatform.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running application over HTTP, as any external client does. */
public final class TestHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;

  public TestHttp(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /** A client of another server, e.g. a search engine the application uses. */
  public TestHttp(URI server) {
    this.baseUrl = server.toString().replaceAll("/$", "");
  }

  /** GET with optional header name/value pairs. */
  public HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
  }

  /** A request without a body, e.g. DELETE, with optional header name/value pairs. */
  public HttpResponse<String> send(String method, String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method, HttpRequest.BodyPublishers.noBody()),
        headers);
  }

  /** A request with a JSON body and optional header name/value pairs. */
  public HttpResponse<String> sendJson(String method, String path, String body, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  /** GET of a file: the body is kept as bytes. */
  public HttpResponse<byte[]> download(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), HttpResponse.BodyHandlers.ofByteArray(),
        headers);
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** The value as a JSON request body. */
  public static String toJson(Object value) {
    return JSON.writeValueAsString(value);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    return send(request, HttpResponse.BodyHandlers.ofString(), headers);
  }

  private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body,
      String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
