package io.tracklab.harness.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A soak's fault timeline: one fault on the primary's proxy every {@code every}, chosen at
 * random (seeded, so a soak that found something can be repeated) among those a standalone
 * near-cache must survive without serving beyond its bound, each lasting one to three seconds.
 * The lines are DESIGN.md 5 fault lines, parsed like any schedule's.
 */
public final class RandomFaults {
  private static final List<String> FAULTS = List.of(
      "latency 50ms downstream on primary",
      "latency 200ms jitter 50ms downstream on primary",
      "reset primary",
      "partition primary",
      "bandwidth 16KB/s downstream on primary",
      "disable primary",
      "timeout 500ms upstream on primary");

  private RandomFaults() {}

  /**
   * Fault lines from {@code every} until {@code every} before the end, none overlapping.
   *
   * @throws IllegalArgumentException when {@code every} is under 4 s (a fault lasts up to 3 s and
   *     the next must not start before it heals)
   */
  public static List<String> lines(long seed, Duration duration, Duration every) {
    if (every.compareTo(Duration.ofSeconds(4)) < 0) {
      throw new IllegalArgumentException("faults every " + every.toMillis() + " ms overlap: at least 4 s apart");
    }
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (Duration at = every; at.plus(every).compareTo(duration) <= 0; at = at.plus(every)) {
      int seconds = 1 + random.nextInt(3);
      lines.add("at " + at.toMillis() + "ms for " + seconds + "s: " + FAULTS.get(random.nextInt(FAULTS.size())));
    }
    return lines;
  }
}
