package com.partnerplatform.listing.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real single-node OpenSearch inside the test JVM, on 127.0.0.1 and a free port, with its data
 * under target/; started on first use, shared by the suites of the JVM, stopped when it exits.
 */
public final class OpenSearchNode {

  private static URI url;

  private OpenSearchNode() {}

  /** The node's HTTP address, starting it if it does not run yet. */
  public static synchronized URI url() {
    if (url == null) {
      url = start();
    }
    return url;
  }

  private static URI start() {
    int httpPort = freePort();
    OpenSearchRunner node = new OpenSearchRunner();
    node.onBuild((number, settings) -> settings
        .put("network.host", "127.0.0.1")
        .put("http.port", httpPort)
        .put("discovery.type", "single-node")
        // A nearly full build disk must not turn the test indices read-only.
        .put("cluster.routing.allocation.disk.threshold_enabled", false));
    node.build(OpenSearchRunner.newConfigs()
        .numOfNode(1)
        .basePath("target/opensearch-it/" + UUID.randomUUID())
        .clusterName("partner-platform-it")
        // No log configuration of its own: log4j-core's default prints the node's errors to the console.
        .disableESLogger()
        .useLogger());
    node.ensureYellow();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
        node.clean();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "opensearch-it-shutdown"));
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
