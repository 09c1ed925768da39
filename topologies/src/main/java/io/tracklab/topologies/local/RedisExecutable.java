package io.tracklab.topologies.local;

import io.tracklab.topologies.TopologyException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code redis-server}: the {@code tracklab.redis.executable} system property, else the
 * {@code PATH}. (The binary shipped in a Maven Central jar, DESIGN.md section 5, is the
 * topologies issue's fallback.)
 */
public final class RedisExecutable {
  public static final String PROPERTY = "tracklab.redis.executable";

  private RedisExecutable() {}

  public static Path find() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new TopologyException(
            PROPERTY + "=" + configured + " is not an executable file: point it at redis-server");
      }
      return path;
    }
    String pathVariable = System.getenv().getOrDefault("PATH", "");
    for (String directory : pathVariable.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new TopologyException(
        "redis-server not found: set -D" + PROPERTY
            + "=/path/to/redis-server or install redis-server (Debian: apt-get install redis-server)");
  }
}
