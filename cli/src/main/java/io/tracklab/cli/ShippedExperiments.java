package io.tracklab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The experiments shipped in the repository's {@code experiments/} folder, copied into the jar
 * at build time so {@code tracklab list} and {@code tracklab run <name>} work from any directory.
 */
final class ShippedExperiments {
  static final String FOLDER = "experiments";
  /** The comparison set {@code tracklab matrix} runs by default. */
  static final String COMPARISON_FOLDER = FOLDER + "/compare";

  /** A shipped experiment: its folder, its name (file name without {@code .yaml}) and its text. */
  record Shipped(String folder, String name, String text) {
    Path source() {
      return Path.of(folder, name + ".yaml");
    }
  }

  /**
   * File names in the order a person numbered them: a leading number compares as a number
   * ({@code 9-...} before {@code 10-...}), then the names as text.
   */
  static final Comparator<String> NUMBERED = Comparator.comparingLong(ShippedExperiments::leadingNumber)
      .thenComparing(Comparator.naturalOrder());

  private ShippedExperiments() {}

  /** The number a name starts with, or {@code Long.MAX_VALUE} (after every numbered one). */
  private static long leadingNumber(String name) {
    int digits = 0;
    while (digits < name.length() && digits < 18 && name.charAt(digits) >= '0' && name.charAt(digits) <= '9') {
      digits++;
    }
    return digits == 0 ? Long.MAX_VALUE : Long.parseLong(name.substring(0, digits));
  }

  /** The experiments of {@code experiments/} (not of its subfolders). */
  static List<Shipped> all() {
    return in(FOLDER);
  }

  /** The soak, {@code experiments/soak/}. */
  static final String SOAK_FOLDER = FOLDER + "/soak";

  static List<Shipped> soak() {
    return in(SOAK_FOLDER);
  }

  /** The comparison set, {@code experiments/compare/}. */
  static List<Shipped> comparison() {
    return in(COMPARISON_FOLDER);
  }

  private static List<Shipped> in(String name) {
    URL folder = ShippedExperiments.class.getResource("/" + name + "/");
    if (folder == null) {
      return List.of();
    }
    try {
      URI uri = folder.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(name, jar.getPath("/" + name));
        }
      }
      return read(name, Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped experiments: " + e.getMessage(), e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<Shipped> find(String name) {
    String bare = name.replaceFirst("\\.ya?ml$", "");
    return all().stream().filter(shipped -> shipped.name().equals(bare)).findFirst();
  }

  private static List<Shipped> read(String name, Path folder) throws IOException {
    List<Shipped> shipped = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted(Comparator.comparing((Path file) -> file.getFileName().toString(), NUMBERED))
          .toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".yaml")) {
          shipped.add(new Shipped(name, fileName.substring(0, fileName.length() - ".yaml".length()), Files.readString(file)));
        }
      }
    }
    return shipped;
  }
}
