package io.tracklab.reports.compare;

import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A made-up {@link RunResult} for tests, starting from the figures of a real 10 s read-heavy
 * baseline run (standalone, 10,000 operations/s); each setter changes one thing. Mutable, test-only.
 */
public final class SyntheticRun {
  private long durationMillis = 11_500;
  private String topology = "standalone";
  private String provisioner = "local";
  private String client = "tracklab";
  private boolean interrupted;
  private String security;
  private final Map<String, Object> workload = new TreeMap<>(Map.of("keys", 10000, "distribution", "zipf:0.99",
      "readRatio", 0.95, "targetRate", 10000.0, "valueSize", 64));
  private final List<FaultRecord> faults = new ArrayList<>();
  private final Map<String, Long> counters = new TreeMap<>(Map.of("reads", 100_000L, "writes", 15_000L,
      "hits", 86_800L, "stale_reads", 77L, "violations", 0L, "failed_reads", 0L, "failed_writes", 0L,
      "lost_keys", 0L, "lost_versions", 0L));
  private final Map<String, MetricHistogram> histograms = new TreeMap<>();

  private SyntheticRun() {
    histogram("remote_read_us", "us", 250, 3_300, 9_500);
    histogram("local_read_ns", "ns", 900, 4_800, 700_000);
    histogram("staleness_age_us", "us", 70, 4_400, 4_400);
    histogram("invalidation_delay_us", "us", 42, 1_440, 6_600);
  }

  /** The real baseline's figures (rounded). */
  public static SyntheticRun baseline() {
    return new SyntheticRun();
  }

  public SyntheticRun counter(String name, long value) {
    counters.put(name, value);
    return this;
  }

  public SyntheticRun withoutCounter(String name) {
    counters.remove(name);
    return this;
  }

  /** A histogram whose p50, p99 and max are these (in {@code unit}); 1,000 values. */
  public SyntheticRun histogram(String name, String unit, double p50, double p99, double max) {
    Map<String, Double> percentiles = new LinkedHashMap<>();
    percentiles.put("p50", p50);
    percentiles.put("p90", (p50 + p99) / 2);
    percentiles.put("p99", p99);
    percentiles.put("p99.9", max);
    histograms.put(name, new MetricHistogram(unit, 1000, Math.min(0, p50), max, p50, percentiles, null, null));
    return this;
  }

  /** A histogram with no values (what a run records when nothing happened, e.g. no stale read). */
  public SyntheticRun emptyHistogram(String name, String unit) {
    Map<String, Double> percentiles = new LinkedHashMap<>();
    for (String key : List.of("p50", "p90", "p99", "p99.9")) {
      percentiles.put(key, 0.0);
    }
    histograms.put(name, new MetricHistogram(unit, 0, 0, 0, 0, percentiles, null, null));
    return this;
  }

  public SyntheticRun withoutHistogram(String name) {
    histograms.remove(name);
    return this;
  }

  public SyntheticRun durationMillis(long millis) {
    durationMillis = millis;
    return this;
  }

  public SyntheticRun topology(String name) {
    topology = name;
    return this;
  }

  public SyntheticRun provisioner(String name) {
    provisioner = name;
    return this;
  }

  public SyntheticRun client(String name) {
    client = name;
    return this;
  }

  public SyntheticRun workload(String setting, Object value) {
    workload.put(setting, value);
    return this;
  }

  public SyntheticRun security(String label) {
    security = label;
    return this;
  }

  public SyntheticRun interrupted() {
    interrupted = true;
    return this;
  }

  public SyntheticRun fault(String kind, String target, Map<String, Object> parameters) {
    faults.add(new FaultRecord(kind, target, 5_000, 15_000L, parameters));
    return this;
  }

  public RunResult result() {
    RunMetadata run = new RunMetadata("synthetic-" + topology, 1_795_458_003_802L, durationMillis, topology,
        provisioner, client, workload, faults, List.of("vm"), interrupted).withSecurity(security);
    return new RunResult(RunResult.SCHEMA, run, histograms, counters, List.of(), List.of());
  }
}
