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
 * <p><b>Noise floors and default tolerances, from measurements.</b> Equal runs differ; how much
 * was measured on 2 cores shared with another build (load average 4-5 for most of it), local
 * processes, {@code tracklab run --no-html-report}: the read-heavy baseline shortened to 10 s
 * (10,000 ops/s, standalone, no faults) 12 times; the same with {@code at 2s for 6s: latency 20ms
 * on primary} 6 times; {@code sentinel-failover-kill --duration 20s} 4 times. Spread = max - min
 * over the equal runs (relative: of the min):
 * <pre>
 * metric                     baseline x12          latency 20ms x6       sentinel kill x4
 * throughput_ops             8,528-10,115 (15.7%*)  4,316-5,712 (24.4%*)  2,949-3,088 (4.5%*)
 * hit_ratio_pct              85.74-86.81  (1.07)    79.11-81.33  (2.22)   69.61-71.63 (2.02)
 *   as misses                +8.1%                  +11.9%                +7.1%
 * failed_ops_pct             0            (0)       0            (0)      0.257-1.151 (0.894)
 * local_read_p99_us          4.46-8.14    (3.68)    6.19-8.85    (2.66)   9.66-19.50  (9.85)
 * remote_read_p50_ms         0.227-0.360  (0.133)   0.536-0.892  (0.356)  0.235-0.266 (0.031)
 * remote_read_p99_ms         2.51-8.81    (6.29)    21.62-25.04  (3.42)   4.43-7.41   (2.98)
 * stale_reads_per_1000       0.56-1.82    (1.26)    3.75-6.25    (2.50)   0.24-0.61   (0.37)
 * violations                 0                      0                     0
 * staleness_age_p99_ms       0.80-6.22    (5.42)    19.78-20.93  (1.15)   0.15-103.4  (103.2 **)
 * staleness_age_max_ms       0.80-7.13    (6.33)    20.35-23.47  (3.12)   0.15-103.4  (103.2 **)
 * invalidation_delay_p50_ms  0.022-0.053  (0.031)   0.075-0.183  (0.108)  -0.050--0.013 (0.037)
 * invalidation_delay_p99_ms  0.74-3.80    (3.06)    20.99-23.86  (2.86)   0.67-1.23   (0.57)
 * failover_max_ms            -                      -                     2,302-2,514 (212)
 * lost_writes                0                      0                     0, 0, 315, 0 (315)
 *  * throughput: the largest drop from the fastest run   ** a heavy tail, not used (below)
 * </pre>
 * Each floor is 1.5 times the largest spread of its metric in any of the three, rounded up to a
 * round figure, so that equal runs stay within it. The default tolerance is
 * {@value Tolerance#DEFAULT_PERCENT}%: above its floor, no metric but throughput varied by more
 * than 12% (the misses); throughput's is 40%, 1.6 times the 24.4% it dropped between equal
 * latency runs (the warm-up of a 10 s run under contention, and how much of it the fault covers).
 * Staleness after a SIGKILL failover has a tail (0.15 to 103 ms between equal runs) that no floor
 * useful elsewhere covers: compare such runs with a per-metric {@code --tolerance}.
 */
public final class RunMetrics {
  private static final double NANOS_PER_MILLI = 1e6;

  // Noise floors, in each metric's own unit: 1.5 x the largest spread above, rounded up.
  static final double THROUGHPUT_FLOOR_OPS = 50; // throughput's noise is relative: this only matters below ~150 ops/s
  static final double HIT_RATIO_FLOOR_POINTS = 4; // 1.5 x 2.22
  static final double FAILED_FLOOR_POINTS = 1.5; // 1.5 x 0.894
  static final double LOCAL_READ_FLOOR_US = 15; // 1.5 x 9.85
  static final double REMOTE_READ_P50_FLOOR_MS = 0.6; // 1.5 x 0.356
  static final double REMOTE_READ_P99_FLOOR_MS = 10; // 1.5 x 6.29
  static final double STALE_READS_FLOOR_PER_1000 = 4; // 1.5 x 2.50
  static final double STALENESS_AGE_P99_FLOOR_MS = 10; // 1.5 x 5.42
  static final double STALENESS_AGE_MAX_FLOOR_MS = 10; // 1.5 x 6.33
  static final double INVALIDATION_P50_FLOOR_MS = 0.2; // 1.5 x 0.108
  static final double INVALIDATION_P99_FLOOR_MS = 5; // 1.5 x 3.06
  static final double FAILOVER_FLOOR_MS = 500; // 1.5 x 212
  static final double LOST_WRITES_FLOOR = 500; // 1.5 x 315

  static final double THROUGHPUT_TOLERANCE_PERCENT = 40; // 1.6 x 24.4%
  private static final double DEFAULT = Tolerance.DEFAULT_PERCENT;
  private static final Metric.RelativeTo VALUE = Metric.RelativeTo.VALUE;

  /** Every compared metric, in the order the table shows them. */
  public static final List<Metric> ALL = List.of(
      new Metric("throughput_ops", "throughput", "ops/s", Better.HIGHER, THROUGHPUT_FLOOR_OPS,
          THROUGHPUT_TOLERANCE_PERCENT, VALUE, false, 0, RunMetrics::throughput),
      new Metric("hit_ratio_pct", "hit ratio", "%", Better.HIGHER, HIT_RATIO_FLOOR_POINTS, DEFAULT,
          Metric.RelativeTo.REST_OF_100, false, 2, RunMetrics::hitRatioPercent),
      new Metric("failed_ops_pct", "failed operations", "%", Better.LOWER, FAILED_FLOOR_POINTS, DEFAULT, VALUE,
          false, 3, RunMetrics::failedPercent),
      new Metric("local_read_p99_us", "local read (hit) p99", "us", Better.LOWER, LOCAL_READ_FLOOR_US, DEFAULT,
          VALUE, false, 2, result -> percentileMillis(result, "local_read", "p99").stream()
              .map(millis -> millis * 1000).findFirst()),
      new Metric("remote_read_p50_ms", "remote read p50", "ms", Better.LOWER, REMOTE_READ_P50_FLOOR_MS, DEFAULT,
          VALUE, false, 3, result -> percentileMillis(result, "remote_read", "p50")),
      new Metric("remote_read_p99_ms", "remote read p99", "ms", Better.LOWER, REMOTE_READ_P99_FLOOR_MS, DEFAULT,
          VALUE, false, 3, result -> percentileMillis(result, "remote_read", "p99")),
      new Metric("stale_reads_per_1000", "stale reads per 1000 reads", "/1000", Better.LOWER,
          STALE_READS_FLOOR_PER_1000, DEFAULT, VALUE, false, 3, RunMetrics::staleReadsPerThousand),
      new Metric("violations", "stale reads beyond the bound", "reads", Better.LOWER, 0, 0, VALUE, true, 0,
          result -> counter(result, "violations")),
      new Metric("staleness_age_p99_ms", "staleness age p99", "ms", Better.LOWER, STALENESS_AGE_P99_FLOOR_MS,
          DEFAULT, VALUE, false, 3, result -> stalenessMillis(result, h -> h.percentiles().get("p99"))),
      new Metric("staleness_age_max_ms", "staleness age max", "ms", Better.LOWER, STALENESS_AGE_MAX_FLOOR_MS,
          DEFAULT, VALUE, false, 3, result -> stalenessMillis(result, MetricHistogram::max)),
      new Metric("invalidation_delay_p50_ms", "invalidation delay p50", "ms", Better.LOWER,
          INVALIDATION_P50_FLOOR_MS, DEFAULT, VALUE, false, 3,
          result -> percentileMillis(result, "invalidation_delay", "p50")),
      new Metric("invalidation_delay_p99_ms", "invalidation delay p99", "ms", Better.LOWER,
          INVALIDATION_P99_FLOOR_MS, DEFAULT, VALUE, false, 3,
          result -> percentileMillis(result, "invalidation_delay", "p99")),
      new Metric("failover_max_ms", "longest failover", "ms", Better.LOWER, FAILOVER_FLOOR_MS, DEFAULT, VALUE,
          false, 0, RunMetrics::longestFailoverMillis),
      new Metric("lost_writes", "lost acknowledged writes", "writes", Better.LOWER, LOST_WRITES_FLOOR, DEFAULT,
          VALUE, false, 0, result -> counter(result, "lost_versions")));

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
  public static OptionalDouble percentileMillis(RunResult result, String base, String percentile) {
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
