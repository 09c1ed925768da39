package io.tracklab.reports.cli;

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

  /** A shipped experiment: its name (file name without {@code .yaml}) and its text. */
  record Shipped(String name, String text) {
    Path source() {
      return Path.of(FOLDER, name + ".yaml");
    }
  }

  private ShippedExperiments() {}

  static List<Shipped> all() {
    URL folder = ShippedExperiments.class.getResource("/" + FOLDER + "/");
    if (folder == null) {
      return List.of();
    }
    try {
      URI uri = folder.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath("/" + FOLDER));
        }
      }
      return read(Path.of(uri));
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

  private static List<Shipped> read(Path folder) throws IOException {
    List<Shipped> shipped = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".yaml")) {
          shipped.add(new Shipped(fileName.substring(0, fileName.length() - ".yaml".length()), Files.readString(file)));
        }
      }
    }
    return shipped;
  }
}
