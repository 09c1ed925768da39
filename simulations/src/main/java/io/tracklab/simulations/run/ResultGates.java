package io.tracklab.simulations.run;

import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunResult;
import io.tracklab.simulations.settings.GateSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulation's gates checked again on {@code result.json}'s own figures (microseconds, not
 * Gatling's whole milliseconds) and written into it, so CI jobs that read only the result see the
 * same verdicts. The thresholds are the ones Gatling's assertions use.
 */
final class ResultGates {
  private ResultGates() {}

  static List<GateVerdict> check(GateSettings gates, RunResult result) {
    Map<String, Long> counters = result.counters();
    List<GateVerdict> verdicts = new ArrayList<>();
    long reads = counters.getOrDefault("reads", 0L);
    long writes = counters.getOrDefault("writes", 0L);
    long failed = counters.getOrDefault("failed_reads", 0L) + counters.getOrDefault("failed_writes", 0L);
    // reads and writes count the ones that returned; the failed ones are operations too
    long operations = reads + writes + failed;
    verdicts.add(verdict("failed operations", "failed_reads + failed_writes, % of operations", "<=",
        gates.failedPercent(), operations == 0 ? 0 : 100.0 * failed / operations));
    verdicts.add(verdict("remote read p99", "remote_read_us p99, ms", "<=", gates.remoteP99().toNanos() / 1e6,
        p99(result.histograms().get("remote_read_us")) / 1e3));
    verdicts.add(verdict("staleness beyond bound", "violations (stale reads older than "
        + gates.staleBound().toMillis() + " ms)", "==", 0, counters.getOrDefault("violations", 0L)));
    verdicts.add(verdict("invalidation delay p99", "invalidation_delay_us p99, ms", "<=",
        gates.invalidationP99().toNanos() / 1e6, p99(result.histograms().get("invalidation_delay_us")) / 1e3));
    if (gates.hitRatio() > 0) {
      verdicts.add(verdict("hit ratio", "hits / reads", ">=", gates.hitRatio(),
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
