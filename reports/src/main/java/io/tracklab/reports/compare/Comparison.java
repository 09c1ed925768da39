package io.tracklab.reports.compare;

import io.tracklab.harness.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run against a baseline: every metric of {@link RunMetrics#ALL} with its verdict, and what
 * makes the two runs not like for like.
 *
 * @param metrics in the order of {@link RunMetrics#ALL}
 * @param warnings one line per configuration difference (topology, client, workload, ...)
 */
public record Comparison(RunResult baseline, RunResult current, Tolerance tolerance,
    List<MetricComparison> metrics, List<String> warnings) {

  public Comparison {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(tolerance, "tolerance");
    metrics = List.copyOf(metrics);
    warnings = List.copyOf(warnings);
  }

  /**
   * Compares {@code current} with {@code baseline}.
   *
   * @throws IllegalArgumentException when a result cannot be measured (a histogram in an unknown unit)
   */
  public static Comparison of(RunResult baseline, RunResult current, Tolerance tolerance) {
    RunMetrics before = RunMetrics.of(baseline);
    RunMetrics after = RunMetrics.of(current);
    List<MetricComparison> metrics = new ArrayList<>();
    for (Metric metric : RunMetrics.ALL) {
      metrics.add(MetricComparison.of(metric, before.value(metric), after.value(metric), tolerance.percentFor(metric)));
    }
    List<String> warnings = baseline.run() == null || current.run() == null
        ? List.of("a result has no run section: topology, client and workload not compared")
        : ConfigurationDifferences.between(baseline.run(), current.run());
    return new Comparison(baseline, current, tolerance, metrics, warnings);
  }

  /** The metrics that got worse by more than the tolerance allows. */
  public List<MetricComparison> regressions() {
    return metrics.stream().filter(metric -> metric.verdict() == Verdict.REGRESSED).toList();
  }

  public boolean regressed() {
    return !regressions().isEmpty();
  }
}
