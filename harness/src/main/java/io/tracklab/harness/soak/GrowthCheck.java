package io.tracklab.harness.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak's resources grew: for each resource, the least-squares line through the samples
 * after the warm-up, and how much it rises over that span. A leak is a steady rise; noise (a
 * collection that finished a little earlier, a connection being replaced) scatters around a
 * flat line and barely tilts it, where first-against-last comparisons would flag it.
 */
public final class GrowthCheck {
  /** One resource's verdict. */
  public record Verdict(String resource, String unit, double first, double last, double growth, double allowed,
      boolean passed) {}

  /**
   * How much each may rise over the soak and still be flat: heap by 16 MiB or 10% of its level
   * after the warm-up, whichever is more; threads by 4; file descriptors and sockets by 8 (a
   * reconnect in flight when a sample is taken holds one or two).
   */
  static final double HEAP_FLOOR_BYTES = 16 * 1024 * 1024;
  static final double HEAP_SHARE = 0.10;
  static final double THREADS = 4;
  static final double FILES = 8;
  static final double SOCKETS = 8;

  private GrowthCheck() {}

  /**
   * @param samples in time order; only those under load count, and of them the first
   *     {@code warmUp} are left out (the JVM loads classes, pools fill)
   * @throws IllegalArgumentException when fewer than 3 samples remain after the warm-up
   */
  public static List<Verdict> check(List<ResourceSample> samples, int warmUp) {
    List<ResourceSample> loaded = samples.stream().filter(ResourceSample::underLoad).toList();
    List<ResourceSample> steady = loaded.subList(Math.min(warmUp, loaded.size()), loaded.size());
    if (steady.size() < 3) {
      throw new IllegalArgumentException("a growth check needs at least 3 samples after the warm-up, got "
          + steady.size() + " (run longer, or sample more often)");
    }
    double heapLevel = steady.get(0).heapAfterGcBytes();
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(verdict("heap after GC", "bytes", steady, ResourceSample::heapAfterGcBytes,
        Math.max(HEAP_FLOOR_BYTES, HEAP_SHARE * heapLevel)));
    verdicts.add(verdict("threads", "threads", steady, ResourceSample::threads, THREADS));
    if (steady.get(0).openFiles() >= 0) {
      verdicts.add(verdict("open file descriptors", "fds", steady, ResourceSample::openFiles, FILES));
    }
    if (steady.get(0).sockets() >= 0) {
      verdicts.add(verdict("open sockets", "sockets", steady, ResourceSample::sockets, SOCKETS));
    }
    return verdicts;
  }

  private static Verdict verdict(String name, String unit, List<ResourceSample> steady,
      ToDoubleFunction<ResourceSample> value, double allowed) {
    double growth = slopePerMilli(steady, value)
        * (steady.get(steady.size() - 1).elapsedMillis() - steady.get(0).elapsedMillis());
    return new Verdict(name, unit, value.applyAsDouble(steady.get(0)), value.applyAsDouble(steady.get(steady.size() - 1)),
        growth, allowed, growth <= allowed);
  }

  /** The least-squares slope of {@code value} against elapsed time. */
  static double slopePerMilli(List<ResourceSample> samples, ToDoubleFunction<ResourceSample> value) {
    double n = samples.size();
    double meanT = samples.stream().mapToDouble(ResourceSample::elapsedMillis).sum() / n;
    double meanV = samples.stream().mapToDouble(value).sum() / n;
    double covariance = 0;
    double variance = 0;
    for (ResourceSample sample : samples) {
      double dt = sample.elapsedMillis() - meanT;
      covariance += dt * (value.applyAsDouble(sample) - meanV);
      variance += dt * dt;
    }
    return variance == 0 ? 0 : covariance / variance;
  }
}
