package io.tracklab.simulations.run;

import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunResult;
import io.tracklab.simulations.settings.GateSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulation's gates judged on the run's own figures (microseconds, every operation) and
 * written into {@code result.json}; Gatling's assertions read the same verdicts ({@code Gates}).
 */
public final class ResultGates {
  static final String FAILED_OPERATIONS = "failed operations";
  static final String REMOTE_P99 = "remote read p99";
  static final String STALENESS = "staleness beyond bound";
  static final String INVALIDATION_P99 = "invalidation delay p99";
  static final String HIT_RATIO = "hit ratio";

  private ResultGates() {}

  /** The names of the gates {@link #check} judges, in its order. */
  public static List<String> names(GateSettings gates) {
    return gates.hitRatio() > 0 ? List.of(FAILED_OPERATIONS, REMOTE_P99, STALENESS, INVALIDATION_P99, HIT_RATIO)
        : List.of(FAILED_OPERATIONS, REMOTE_P99, STALENESS, INVALIDATION_P99);
  }

  public static List<GateVerdict> check(GateSettings gates, RunResult result) {
    Map<String, Long> counters = result.counters();
    List<GateVerdict> verdicts = new ArrayList<>();
    long reads = counters.getOrDefault("reads", 0L);
    long writes = counters.getOrDefault("writes", 0L);
    long failed = counters.getOrDefault("failed_reads", 0L) + counters.getOrDefault("failed_writes", 0L);
    // reads and writes count the ones that returned; the failed ones are operations too
    long operations = reads + writes + failed;
    verdicts.add(verdict(FAILED_OPERATIONS, "failed_reads + failed_writes, % of operations", "<=",
        gates.failedPercent(), operations == 0 ? 0 : 100.0 * failed / operations));
    verdicts.add(verdict(REMOTE_P99, "remote_read_us p99, ms", "<=", gates.remoteP99().toNanos() / 1e6,
        p99(result.histograms().get("remote_read_us")) / 1e3));
    verdicts.add(verdict(STALENESS, "violations (stale reads older than "
        + gates.staleBound().toMillis() + " ms)", "==", 0, counters.getOrDefault("violations", 0L)));
    verdicts.add(verdict(INVALIDATION_P99, "invalidation_delay_us p99, ms", "<=",
        gates.invalidationP99().toNanos() / 1e6, p99(result.histograms().get("invalidation_delay_us")) / 1e3));
    if (gates.hitRatio() > 0) {
      verdicts.add(verdict(HIT_RATIO, "hits / reads", ">=", gates.hitRatio(),
          reads == 0 ? 0 : (double) counters.getOrDefault("hits", 0L) / reads));
    }
    return verdicts;
  }

  /** The p99 of a histogram (negative values included); 0 when nothing was measured. */
  private static double p99(MetricHistogram histogram) {
    if (histogram == null || histogram.count() == 0) {
      return 0;
    }
    return histogram.percentiles().getOrDefault("p99", 0.0);
  }

  private static GateVerdict verdict(String name, String metric, String comparison, double threshold, double measured) {
    boolean passed = switch (comparison) {
      case "<=" -> measured <= threshold;
      case ">=" -> measured >= threshold;
      case "==" -> measured == threshold;
      default -> throw new IllegalArgumentException(comparison);
    };
    return new GateVerdict(name, metric, comparison, threshold, measured, passed);
  }
}
