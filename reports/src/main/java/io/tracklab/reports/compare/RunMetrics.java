package io.tracklab.reports.compare;

import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The figures {@code tracklab compare} puts side by side ({@link #ALL}), and one run's values of
 * them ({@link #of}), each read from a {@code result.json} (docs/result-schema.md) in the unit its
 * name ends with.
 *
 * <p>Noise floors: a change no larger than a metric's floor is noise whatever its relative size.
 * They come from running one 10 s experiment (the read-heavy baseline at 10,000 operations/s,
 * standalone, local processes, 2 shared cores) six times over; see {@link Tolerance#DEFAULT} for the
 * spreads measured and for how the floors and the default tolerance follow from them.
 */
public final class RunMetrics {
  private static final double NANOS_PER_MILLI = 1e6;

  // Noise floors, in each metric's own unit. Measured spreads (max - min over six equal runs) are
  // in Tolerance's comment; each floor is about twice the spread (or a round figure above it), so
  // two equal runs stay within it.
  static final double THROUGHPUT_FLOOR_OPS = 50;
  static final double HIT_RATIO_FLOOR_POINTS = 2;
  static final double FAILED_FLOOR_POINTS = 0.1;
  static final double LOCAL_READ_FLOOR_US = 6;
  static final double REMOTE_READ_P50_FLOOR_MS = 0.2;
  static final double REMOTE_READ_P99_FLOOR_MS = 10;
  static final double STALE_READS_FLOOR_PER_1000 = 2;
  static final double STALENESS_AGE_P99_FLOOR_MS = 8;
  static final double STALENESS_AGE_MAX_FLOOR_MS = 10;
  static final double INVALIDATION_P50_FLOOR_MS = 0.05;
  static final double INVALIDATION_P99_FLOOR_MS = 5;
  static final double FAILOVER_FLOOR_MS = 1000;
  static final double LOST_WRITES_FLOOR = 10;

  /** Every compared metric, in the order the table shows them. */
  public static final List<Metric> ALL = List.of(
      new Metric("throughput_ops", "throughput", "ops/s", Better.HIGHER,
          THROUGHPUT_FLOOR_OPS, Metric.RelativeTo.VALUE, false, 0, RunMetrics::throughput),
      new Metric("hit_ratio_pct", "hit ratio", "%", Better.HIGHER,
          HIT_RATIO_FLOOR_POINTS, Metric.RelativeTo.REST_OF_100, false, 2, RunMetrics::hitRatioPercent),
      new Metric("failed_ops_pct", "failed operations", "%", Better.LOWER,
          FAILED_FLOOR_POINTS, Metric.RelativeTo.VALUE, false, 3, RunMetrics::failedPercent),
      new Metric("local_read_p99_us", "local read (hit) p99", "us", Better.LOWER,
          LOCAL_READ_FLOOR_US, Metric.RelativeTo.VALUE, false, 2, result -> percentileMillis(result, "local_read", "p99").stream()
              .map(millis -> millis * 1000).findFirst()),
      new Metric("remote_read_p50_ms", "remote read p50", "ms", Better.LOWER,
          REMOTE_READ_P50_FLOOR_MS, Metric.RelativeTo.VALUE, false, 3, result -> percentileMillis(result, "remote_read", "p50")),
      new Metric("remote_read_p99_ms", "remote read p99", "ms", Better.LOWER,
          REMOTE_READ_P99_FLOOR_MS, Metric.RelativeTo.VALUE, false, 3, result -> percentileMillis(result, "remote_read", "p99")),
      new Metric("stale_reads_per_1000", "stale reads per 1000 reads", "/1000", Better.LOWER,
          STALE_READS_FLOOR_PER_1000, Metric.RelativeTo.VALUE, false, 3, RunMetrics::staleReadsPerThousand),
      new Metric("violations", "stale reads beyond the bound", "reads", Better.LOWER,
          0, Metric.RelativeTo.VALUE, true, 0, result -> counter(result, "violations")),
      new Metric("staleness_age_p99_ms", "staleness age p99", "ms", Better.LOWER,
          STALENESS_AGE_P99_FLOOR_MS, Metric.RelativeTo.VALUE, false, 3, result -> stalenessMillis(result, h -> h.percentiles().get("p99"))),
      new Metric("staleness_age_max_ms", "staleness age max", "ms", Better.LOWER,
          STALENESS_AGE_MAX_FLOOR_MS, Metric.RelativeTo.VALUE, false, 3, result -> stalenessMillis(result, MetricHistogram::max)),
      new Metric("invalidation_delay_p50_ms", "invalidation delay p50", "ms", Better.LOWER,
          INVALIDATION_P50_FLOOR_MS, Metric.RelativeTo.VALUE, false, 3, result -> percentileMillis(result, "invalidation_delay", "p50")),
      new Metric("invalidation_delay_p99_ms", "invalidation delay p99", "ms", Better.LOWER,
          INVALIDATION_P99_FLOOR_MS, Metric.RelativeTo.VALUE, false, 3, result -> percentileMillis(result, "invalidation_delay", "p99")),
      new Metric("failover_max_ms", "longest failover", "ms",
          Better.LOWER, FAILOVER_FLOOR_MS, Metric.RelativeTo.VALUE, false, 0, RunMetrics::longestFailoverMillis),
      new Metric("lost_writes", "lost acknowledged writes", "writes", Better.LOWER,
          LOST_WRITES_FLOOR, Metric.RelativeTo.VALUE, false, 0, result -> counter(result, "lost_versions")));

  private final Map<Metric, Double> values;

  private RunMetrics(Map<Metric, Double> values) {
    this.values = values;
  }

  /**
   * Every metric {@code result} measured.
   *
   * @throws IllegalArgumentException when a histogram has a unit other than ns, us, ms or s
   */
  public static RunMetrics of(RunResult result) {
    Map<Metric, Double> values = new LinkedHashMap<>();
    for (Metric metric : ALL) {
      OptionalDouble value = metric.valueIn(result);
      if (value.isPresent()) {
        values.put(metric, value.getAsDouble());
      }
    }
    return new RunMetrics(values);
  }

  /** {@code metric}'s value, empty when this run did not measure it. */
  public OptionalDouble value(Metric metric) {
    Double value = values.get(metric);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** The metric called {@code name}, if there is one. */
  public static Optional<Metric> named(String name) {
    return ALL.stream().filter(metric -> metric.name().equals(name)).findFirst();
  }

  /** Every metric's name, comma-separated (for messages). */
  public static String names() {
    return String.join(", ", ALL.stream().map(Metric::name).toList());
  }

  /** Reads and writes that returned, per second of the run's duration (which includes ~1 s of setup). */
  static OptionalDouble throughput(RunResult result) {
    Map<String, Long> counters = result.counters();
    if (!counters.containsKey("reads") || !counters.containsKey("writes") || result.run() == null
        || result.run().durationMillis() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((counters.get("reads") + counters.get("writes")) * 1000.0 / result.run().durationMillis());
  }

  static OptionalDouble hitRatioPercent(RunResult result) {
    long reads = result.counters().getOrDefault("reads", 0L);
    Long hits = result.counters().get("hits");
    return reads == 0 || hits == null ? OptionalDouble.empty() : OptionalDouble.of(100.0 * hits / reads);
  }

  /** As the failed-operations gate counts it: failed reads and writes, % of all operations including them. */
  static OptionalDouble failedPercent(RunResult result) {
    Map<String, Long> counters = result.counters();
    if (!counters.containsKey("failed_reads") && !counters.containsKey("failed_writes")) {
      return OptionalDouble.empty();
    }
    long failed = counters.getOrDefault("failed_reads", 0L) + counters.getOrDefault("failed_writes", 0L);
    long operations = counters.getOrDefault("reads", 0L) + counters.getOrDefault("writes", 0L) + failed;
    return operations == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * failed / operations);
  }

  static OptionalDouble staleReadsPerThousand(RunResult result) {
    long reads = result.counters().getOrDefault("reads", 0L);
    Long stale = result.counters().get("stale_reads");
    return reads == 0 || stale == null ? OptionalDouble.empty() : OptionalDouble.of(1000.0 * stale / reads);
  }

  /**
   * The longest {@code failoverMillis} of the run's faults; empty when no fault measured one. A
   * fault whose failover was not seen by the end of the run ({@code -1}) is not counted.
   */
  static OptionalDouble longestFailoverMillis(RunResult result) {
    if (result.run() == null) {
      return OptionalDouble.empty();
    }
    return result.run().faults().stream()
        .map(FaultRecord::parameters)
        .map(parameters -> parameters.get("failoverMillis"))
        .filter(Number.class::isInstance)
        .mapToDouble(value -> ((Number) value).doubleValue())
        .filter(millis -> millis >= 0)
        .max();
  }

  static OptionalDouble counter(RunResult result, String name) {
    Long value = result.counters().get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /**
   * A percentile of the histogram named {@code base} plus its unit suffix ({@code remote_read_us},
   * {@code local_read_ns}, ...), in milliseconds; empty when absent or empty.
   */
  static OptionalDouble percentileMillis(RunResult result, String base, String percentile) {
    return histogram(result, base)
        .filter(histogram -> histogram.count() > 0 && histogram.percentiles().containsKey(percentile))
        .map(histogram -> OptionalDouble.of(toMillis(histogram, histogram.percentiles().get(percentile))))
        .orElse(OptionalDouble.empty());
  }

  /** Staleness age: a run without stale reads has an empty histogram, and that is an age of 0. */
  static OptionalDouble stalenessMillis(RunResult result, ToDoubleFunction<MetricHistogram> figure) {
    return histogram(result, "staleness_age")
        .map(histogram -> OptionalDouble.of(histogram.count() == 0 ? 0 : toMillis(histogram,
            figure.applyAsDouble(histogram))))
        .orElse(OptionalDouble.empty());
  }

  private static Optional<MetricHistogram> histogram(RunResult result, String base) {
    for (String suffix : List.of("_ns", "_us", "_ms")) {
      MetricHistogram histogram = result.histograms().get(base + suffix);
      if (histogram != null) {
        return Optional.of(histogram);
      }
    }
    return Optional.empty();
  }

  private static double toMillis(MetricHistogram histogram, double value) {
    return switch (histogram.unit()) {
      case "ns" -> value / NANOS_PER_MILLI;
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      default -> throw new IllegalArgumentException("histogram unit must be ns, us, ms or s, got \""
          + histogram.unit() + "\"");
    };
  }
}
