package com.partnerplatform.platform.temporal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@code temporal} CLI: an explicit path, then the PATH, then {@code .tools/bin}. */
final class TemporalCli {

  private TemporalCli() {}

  static Optional<Path> find(String explicitPath) {
    List<Path> candidates = new ArrayList<>();
    if (explicitPath != null && !explicitPath.isBlank()) {
      candidates.add(Path.of(explicitPath));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "temporal"));
        }
      }
    }
    candidates.add(Path.of(".tools", "bin", "temporal"));
    return candidates.stream()
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .map(Path::toAbsolutePath)
        .findFirst();
  }
}
