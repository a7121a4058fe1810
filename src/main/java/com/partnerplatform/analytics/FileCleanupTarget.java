package com.partnerplatform.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files directly in one directory, last written before the cutoff: rotated log files (never the
 * one being written) and report scratch files. A backup record carries the file's content.
 */
final class FileCleanupTarget implements CleanupTarget {

  private final CleanupType type;
  private final Path directory;
  private final Predicate<String> nameMatches;

  private FileCleanupTarget(CleanupType type, Path directory, Predicate<String> nameMatches) {
    this.type = type;
    this.directory = directory;
    this.nameMatches = nameMatches;
  }

  /** Rotated siblings of the log file, e.g. {@code partner-platform.log.2026-08-01.0.gz}. */
  static FileCleanupTarget logs(Path logFile) {
    String rotatedPrefix = logFile.getFileName().toString() + ".";
    return new FileCleanupTarget(CleanupType.LOGS, logFile.toAbsolutePath().getParent(),
        name -> name.startsWith(rotatedPrefix));
  }

  static FileCleanupTarget tempFiles(Path scratchDirectory) {
    return new FileCleanupTarget(CleanupType.TEMP_FILES, scratchDirectory, name -> true);
  }

  @Override
  public CleanupType type() {
    return type;
  }

  @Override
  public long count(Instant cutoff) {
    try (Stream<String> names = oldNames(cutoff)) {
      return names.count();
    }
  }

  @Override
  public List<String> nextKeys(Instant cutoff, int limit) {
    try (Stream<String> names = oldNames(cutoff)) {
      return names.sorted().limit(limit).toList();
    }
  }

  private Stream<String> oldNames(Instant cutoff) {
    if (!Files.isDirectory(directory)) {
      return Stream.empty();
    }
    try {
      return Files.list(directory)
          .filter(Files::isRegularFile)
          .filter(file -> nameMatches.test(file.getFileName().toString()))
          .filter(file -> modified(file).map(time -> time.toInstant().isBefore(cutoff)).orElse(false))
          .map(file -> file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, Map<String, Object>> records(List<String> keys) {
    Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    for (String name : keys) {
      Map<String, Object> record = record(name);
      if (record != null) {
        records.put(name, record);
      }
    }
    return records;
  }

  private Map<String, Object> record(String name) {
    Path file = directory.resolve(name);
    try {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("file", file.toAbsolutePath().toString());
      record.put("lastModified", Files.getLastModifiedTime(file).toInstant().toString());
      byte[] content = Files.readAllBytes(file);
      record.put("size", content.length);
      record.put("contentBase64", Base64.getEncoder().encodeToString(content));
      return record;
    } catch (NoSuchFileException gone) {
      return null; // removed meanwhile: nothing left to back up
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(List<String> keys, Instant cutoff) {
    for (String name : keys) {
      Path file = directory.resolve(name);
      if (modified(file).map(time -> time.toInstant().isBefore(cutoff)).orElse(false)) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static Optional<FileTime> modified(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
