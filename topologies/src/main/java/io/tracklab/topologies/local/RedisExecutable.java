package io.tracklab.topologies.local;

import io.tracklab.topologies.TopologyException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds {@code redis-server}, in this order (DESIGN.md section 5):
 *
 * <ol>
 *   <li>the {@code tracklab.redis.executable} system property: a path, or {@code bundled} to
 *       force the binary below;
 *   <li>{@code redis-server} on the {@code PATH};
 *   <li>the static Redis 7.0.15 binary shipped in {@code org.signal:embedded-redis} (Linux and
 *       macOS, amd64 and arm64), extracted once under {@code target/tracklab/bin}.
 * </ol>
 */
public final class RedisExecutable {
  public static final String PROPERTY = "tracklab.redis.executable";
  public static final String BUNDLED = "bundled";
  static final String BUNDLED_VERSION = "7.0.15";
  private static final Path EXTRACT_DIRECTORY = Path.of("target", "tracklab", "bin");

  private RedisExecutable() {}

  public static Path find() {
    String configured = System.getProperty(PROPERTY, "").trim();
    if (configured.equals(BUNDLED)) {
      return bundled().orElseThrow(() -> new TopologyException(
          PROPERTY + "=" + BUNDLED + ", but no bundled redis-server exists for "
              + platform() + " (bundled: linux/darwin amd64/arm64)"));
    }
    if (!configured.isEmpty()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new TopologyException(
            PROPERTY + "=" + configured + " is not an executable file: point it at redis-server");
      }
      return path;
    }
    return onPath("redis-server")
        .or(RedisExecutable::bundled)
        .orElseThrow(() -> new TopologyException(
            "redis-server not found on PATH and none is bundled for " + platform()
                + ": set -D" + PROPERTY + "=/path/to/redis-server or install redis-server"
                + " (Debian: apt-get install redis-server)"));
  }

  static Optional<Path> onPath(String executable) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, executable);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The bundled binary for this platform, extracted if needed; empty when there is none. */
  static Optional<Path> bundled() {
    String resource = "redis-server-" + BUNDLED_VERSION + "-" + platform();
    try (InputStream binary = RedisExecutable.class.getClassLoader().getResourceAsStream(resource)) {
      if (binary == null) {
        return Optional.empty();
      }
      Path target = EXTRACT_DIRECTORY.resolve(resource).toAbsolutePath();
      if (!Files.isExecutable(target)) {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), resource, ".partial");
        Files.copy(binary, partial, StandardCopyOption.REPLACE_EXISTING);
        if (!partial.toFile().setExecutable(true)) {
          throw new TopologyException("cannot make " + partial + " executable");
        }
        // atomic: concurrent test JVMs never run a half-written binary
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return Optional.of(target);
    } catch (IOException e) {
      throw new TopologyException("cannot extract the bundled redis-server to " + EXTRACT_DIRECTORY + ": " + e, e);
    }
  }

  /** {@code linux-amd64}, {@code darwin-arm64}, ... as embedded-redis names its binaries. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : os;
    String archName = switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> arch;
    };
    return osName + "-" + archName;
  }
}
