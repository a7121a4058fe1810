package com.partnerplatform.payment.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;

/**
 * The stripe-mock the Stripe tests talk to: the one at {@code PLATFORM_IT_STRIPE_MOCK_URL} (CI starts
 * it), else one started here from {@code STRIPE_MOCK} or {@code .tools/bin/stripe-mock} on free
 * loopback ports, stopped by {@link #close()}. Without either there is none, and each test that
 * needs it is skipped through {@link #assumeAvailable}.
 */
final class StripeMock implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final String url;
  private final Process process;

  private StripeMock(String url, Process process) {
    this.url = url;
    this.process = process;
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:12111}. */
  String url() {
    return url;
  }

  /** @return null when there is no stripe-mock to use */
  static StripeMock startIfAvailable() throws IOException, InterruptedException {
    String configured = System.getenv("PLATFORM_IT_STRIPE_MOCK_URL");
    if (configured != null && !configured.isBlank()) {
      return new StripeMock(configured.replaceAll("/+$", ""), null);
    }
    String explicit = System.getenv("STRIPE_MOCK");
    Path binary = explicit == null || explicit.isBlank() ? Path.of(".tools", "bin", "stripe-mock") : Path.of(explicit);
    if (!Files.isExecutable(binary)) {
      return null;
    }
    int httpPort = freePort();
    int httpsPort = freePort();
    Path log = Files.createDirectories(Path.of("target")).resolve("stripe-mock-" + httpPort + ".log");
    Process process = new ProcessBuilder(binary.toString(),
        "-http-addr", "127.0.0.1:" + httpPort, "-https-addr", "127.0.0.1:" + httpsPort)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    StripeMock mock = new StripeMock("http://127.0.0.1:" + httpPort, process);
    mock.awaitAnswer(log);
    return mock;
  }

  static void assumeAvailable(StripeMock mock) {
    Assumptions.assumeTrue(mock != null, "No stripe-mock: set PLATFORM_IT_STRIPE_MOCK_URL or STRIPE_MOCK, or build"
        + " .tools/bin/stripe-mock with scripts/install-tools.sh");
  }

  private void awaitAnswer(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest balance = HttpRequest.newBuilder(URI.create(url + "/v1/balance"))
        .header("Authorization", "Bearer sk_test_123")
        .timeout(Duration.ofSeconds(2))
        .build();
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("stripe-mock exited: " + Files.readString(log));
      }
      try {
        if (http.send(balance, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // try again
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("stripe-mock did not answer at " + url + " within " + STARTUP);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }
}
