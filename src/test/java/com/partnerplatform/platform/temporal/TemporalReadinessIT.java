package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.partnerplatform.platform.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Readiness follows the Temporal server: the probe reports DOWN while the server is gone (liveness
 * stays UP, so an orchestrator stops routing traffic instead of restarting the process) and UP again
 * once the server is back, without restarting the application.
 */
class TemporalReadinessIT {

  @TempDir
  Path tempDir;

  @Test
  void readinessFollowsTheTemporalServerWhileLivenessStaysUp() {
    Path cli = TemporalTestSupport.cli().orElse(null);
    assumeTrue(cli != null, "needs a temporal CLI: set TEMPORAL_CLI or run scripts/install-tools.sh");

    try (DevServerProcess server = new DevServerProcess(cli, tempDir.resolve("temporal"));
        ConfigurableApplicationContext app = TemporalTestSupport.startApplication(
            "--platform.temporal.mode=external",
            "--platform.temporal.address=" + server.address(),
            "--platform.data-dir=" + tempDir.resolve("app"))) {
      TestHttp http = new TestHttp(TemporalTestSupport.httpPort(app));
      await().atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200));

      server.stop();

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode components = TestHttp.json(readiness).path("components");
        assertThat(components.path("temporal").path("status").asString()).isEqualTo("DOWN");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
      });
      HttpResponse<String> liveness = http.get("/actuator/health/liveness");
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(TestHttp.json(liveness).path("status").asString()).isEqualTo("UP");

      server.start();

      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }
  }

  /** A headless dev server on free ports whose SQLite file survives restarts. */
  private static final class DevServerProcess implements AutoCloseable {

    private final Path cli;
    private final Path stateDir;
    private final int port = TemporalTestSupport.freePort();
    private Process process;

    DevServerProcess(Path cli, Path stateDir) {
      this.cli = cli;
      this.stateDir = stateDir;
      start();
    }

    String address() {
      return "127.0.0.1:" + port;
    }

    void start() {
      ProcessBuilder builder = new ProcessBuilder(List.of(cli.toString(), "server", "start-dev",
          "--ip", "127.0.0.1", "--port", String.valueOf(port), "--headless",
          "--db-filename", stateDir.resolve("dev-server.sqlite").toString(), "--log-level", "warn"))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(stateDir.resolve("dev-server.log").toFile()));
      builder.environment().put("TEMPORAL_VERSION_CHECK_DISABLED", "1");
      try {
        Files.createDirectories(stateDir);
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .failFast("the dev server exited; see " + stateDir.resolve("dev-server.log"), () -> !process.isAlive())
          .until(() -> TemporalTestSupport.listening(port));
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      stop();
    }
  }
}
