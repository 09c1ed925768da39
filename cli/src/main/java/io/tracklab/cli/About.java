package io.tracklab.cli;

import io.tracklab.harness.config.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** What a matrix ran on, for the lines above its table: numbers mean little without the machine. */
final class About {
  private About() {}

  static List<String> of(int experiments, List<String> clients, Duration duration, String command) {
    String machine = String.format(Locale.ROOT, "%s, %d cores, %d GiB heap max, Java %s, %s %s", cpu(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 30,
        System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    return List.of(
        String.format(Locale.ROOT, "%d experiments x %d clients (%s), %s, %s.", experiments, clients.size(),
            String.join(", ", clients), duration == null ? "each at its own duration"
                : "each for " + DurationText.format(duration), LocalDate.now()),
        "Machine: " + machine + ".",
        "Reproduce: " + command);
  }

  /** The CPU's model name on Linux; the architecture elsewhere. */
  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
