package com.partnerplatform.platform.temporal;

import static com.partnerplatform.platform.temporal.TemporalModeEnvironmentPostProcessor.RESOLVED_CLI;
import static com.partnerplatform.platform.temporal.TemporalModeEnvironmentPostProcessor.RESOLVED_MODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TemporalModeEnvironmentPostProcessorTest {

  private static final String ADDRESS = "temporal.example.internal:7233";

  @TempDir
  Path tempDir;

  @Test
  void autoRunsTheDevServerWhenTheConfiguredCliIsAnExecutableFile() throws IOException {
    Path cli = executable(tempDir.resolve("temporal"));

    MockEnvironment env = resolve(new MockEnvironment()
        .withProperty("platform.temporal.mode", "auto")
        .withProperty("platform.temporal.cli-path", cli.toString())
        .withProperty("platform.temporal.address", "127.0.0.1:7301"));

    assertThat(env.getProperty(RESOLVED_MODE)).isEqualTo("DEV_SERVER");
    assertThat(env.getProperty(RESOLVED_CLI)).isEqualTo(cli.toAbsolutePath().toString());
    assertThat(env.getProperty("spring.temporal.test-server.enabled")).isEqualTo("false");
    assertThat(env.getProperty("spring.temporal.connection.target")).isEqualTo("127.0.0.1:7301");
  }

  @Test
  void autoFallsBackToInMemoryWhenNoCliExistsAnywhere() throws Exception {
    assertThat(resolveWhereNoCliExists("auto")).isEqualTo("IN_MEMORY");
  }

  @Test
  void devServerWithoutAnyCliFailsWithWhatToDo() throws Exception {
    assertThat(resolveWhereNoCliExists("dev-server"))
        .contains("platform.temporal.mode=dev-server but no temporal CLI was found")
        .contains("TEMPORAL_CLI")
        .contains("scripts/install-tools.sh");
  }

  @Test
  void inMemoryEnablesTheInProcessTestServerAndConnectsNowhere() {
    MockEnvironment env = resolve(new MockEnvironment()
        .withProperty("platform.temporal.mode", "in-memory")
        .withProperty("platform.temporal.address", ADDRESS));

    assertThat(env.getProperty(RESOLVED_MODE)).isEqualTo("IN_MEMORY");
    assertThat(env.getProperty("spring.temporal.test-server.enabled")).isEqualTo("true");
    assertThat(env.getProperty("spring.temporal.connection.target")).isNull();
  }

  @Test
  void externalMapsAddressNamespaceAndApiKeyWhichImpliesTls() {
    MockEnvironment env = resolve(external()
        .withProperty("platform.temporal.namespace", "marketplace.a1b2c")
        .withProperty("platform.temporal.api-key", "secret-key"));

    assertThat(env.getProperty(RESOLVED_MODE)).isEqualTo("EXTERNAL");
    assertThat(env.getProperty("spring.temporal.test-server.enabled")).isEqualTo("false");
    assertThat(env.getProperty("spring.temporal.connection.target")).isEqualTo(ADDRESS);
    assertThat(env.getProperty("spring.temporal.namespace")).isEqualTo("marketplace.a1b2c");
    assertThat(env.getProperty("spring.temporal.connection.api-key")).isEqualTo("secret-key");
    assertThat(env.getProperty("spring.temporal.connection.enable-https")).isEqualTo("true");
  }

  @Test
  void externalMapsMutualTlsFiles() {
    MockEnvironment env = resolve(external()
        .withProperty("platform.temporal.tls.cert-chain-file", "/etc/temporal/client.pem")
        .withProperty("platform.temporal.tls.key-file", "/etc/temporal/client.key")
        .withProperty("platform.temporal.tls.server-name", "temporal.example.internal"));

    assertThat(env.getProperty("spring.temporal.connection.mtls.cert-chain-file"))
        .isEqualTo("/etc/temporal/client.pem");
    assertThat(env.getProperty("spring.temporal.connection.mtls.key-file")).isEqualTo("/etc/temporal/client.key");
    assertThat(env.getProperty("spring.temporal.connection.mtls.server-name"))
        .isEqualTo("temporal.example.internal");
    assertThat(env.getProperty("spring.temporal.connection.api-key")).isNull();
  }

  @Test
  void externalUsesServerSideTlsOnlyWhenEnabled() {
    assertThat(resolve(external()).getProperty("spring.temporal.connection.enable-https")).isEqualTo("false");
    assertThat(resolve(external().withProperty("platform.temporal.tls.enabled", "true"))
        .getProperty("spring.temporal.connection.enable-https")).isEqualTo("true");
  }

  @Test
  void theModeIsReadCaseInsensitively() {
    assertThat(resolve(external().withProperty("platform.temporal.mode", " External "))
        .getProperty(RESOLVED_MODE)).isEqualTo("EXTERNAL");
  }

  @Test
  void anUnknownModeFailsNamingTheAcceptedValues() {
    MockEnvironment env = new MockEnvironment().withProperty("platform.temporal.mode", "cloud");

    assertThatThrownBy(() -> resolve(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("platform.temporal.mode must be one of auto, dev-server, in-memory, external; got 'cloud'");
  }

  private static MockEnvironment external() {
    return new MockEnvironment()
        .withProperty("platform.temporal.mode", "external")
        .withProperty("platform.temporal.address", ADDRESS);
  }

  private static MockEnvironment resolve(MockEnvironment env) {
    new TemporalModeEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
    return env;
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /**
   * The CLI locator also searches the PATH and {@code .tools/bin} under the working directory, which
   * on a developer or CI machine hold a CLI. So this resolves the mode in a JVM whose PATH and working
   * directory are an empty directory, and returns the resolved mode or the error message.
   */
  private String resolveWhereNoCliExists(String mode) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(),
        "-cp", System.getProperty("java.class.path"), NoCliResolution.class.getName(), mode)
        .directory(tempDir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("PATH", tempDir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines()
        .filter(line -> line.startsWith(NoCliResolution.PREFIX))
        .map(line -> line.substring(NoCliResolution.PREFIX.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no resolution reported:\n" + output));
  }

  /** Entry point of the child JVM started by {@link #resolveWhereNoCliExists}. */
  static final class NoCliResolution {
    static final String PREFIX = "resolution: ";

    public static void main(String[] args) {
      try {
        System.out.println(PREFIX + resolve(new MockEnvironment()
            .withProperty("platform.temporal.mode", args[0])).getProperty(RESOLVED_MODE));
      } catch (IllegalStateException e) {
        System.out.println(PREFIX + e.getMessage());
      }
    }
  }
}
