package com.partnerplatform.platform.temporal;

import com.partnerplatform.PartnerPlatformApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * For tests that run a real Temporal dev server. The application is started with command-line
 * arguments rather than {@code @DynamicPropertySource}: the engine mode is resolved by an
 * environment post-processor, which runs before dynamic test properties are added.
 */
final class TemporalTestSupport {

  private TemporalTestSupport() {}

  /** The CLI the application itself would use: TEMPORAL_CLI, the PATH or {@code .tools/bin}. */
  static Optional<Path> cli() {
    return TemporalCli.find(System.getenv("TEMPORAL_CLI"));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The whole application with the "it" profile on a random HTTP port, plus the given arguments. */
  static ConfigurableApplicationContext startApplication(String... args) {
    List<String> all = new ArrayList<>(List.of("--spring.profiles.active=it", "--server.port=0"));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(PartnerPlatformApplication.class).run(all.toArray(String[]::new));
  }

  static int httpPort(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
