package io.tracklab.harness.result;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * N results of one experiment, one per injector, as one: histograms added (exact: HdrHistogram
 * counts add), counters summed, timeline seconds summed second by second (their delay
 * histograms added), faults and injectors united, the longest duration kept. Gate verdicts are
 * not merged: they must be evaluated again on the merged result.
 */
public final class ResultMerge {
  private ResultMerge() {}

  /**
   * @throws IllegalArgumentException when the results are not of one experiment (topology,
   *     client or workload differ)
   */
  public static RunResult merge(List<RunResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    RunResult first = results.get(0);
    Map<String, MetricHistogram> histograms = new TreeMap<>();
    Map<String, Long> counters = new TreeMap<>();
    Map<Long, TimelinePoint> timeline = new TreeMap<>();
    LinkedHashSet<String> injectors = new LinkedHashSet<>();
    LinkedHashSet<FaultRecord> faults = new LinkedHashSet<>();
    Map<String, InjectorClock> clocks = new TreeMap<>();
    long started = Long.MAX_VALUE;
    long duration = 0;
    boolean interrupted = false;
    for (RunResult result : results) {
      RunMetadata run = result.run();
      requireSame("topology", first.run().topology(), run.topology());
      requireSame("client", first.run().client(), run.client());
      requireSame("workload", first.run().workload(), run.workload());
      result.histograms().forEach((name, histogram) -> histograms.merge(name, histogram, MetricHistogram::plus));
      result.counters().forEach((name, count) -> counters.merge(name, count, Long::sum));
      for (TimelinePoint point : result.timeline()) {
        timeline.merge(point.second(), point, TimelinePoint::plus);
      }
      injectors.addAll(run.injectors());
      faults.addAll(run.faults());
      clocks.putAll(run.clocks());
      started = Math.min(started, run.startedAtEpochMillis());
      duration = Math.max(duration, run.durationMillis());
      interrupted |= run.interrupted();
    }
    RunMetadata run = new RunMetadata(first.run().runId(), started, duration, first.run().topology(),
        first.run().provisioner(), first.run().client(), first.run().workload(), new ArrayList<>(faults),
        new ArrayList<>(injectors), interrupted).withSecurity(first.run().security()).withClocks(clocks);
    return new RunResult(RunResult.SCHEMA, run, histograms, counters, new ArrayList<>(timeline.values()), List.of());
  }

  private static void requireSame(String field, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new IllegalArgumentException("cannot merge results of different runs: " + field + " " + expected
          + " vs " + actual);
    }
  }
}
