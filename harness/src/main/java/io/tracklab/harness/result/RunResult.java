package io.tracklab.harness.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one run measured: {@code target/tracklab/<run-id>/result.json}, schema
 * {@value #SCHEMA}, documented in {@code docs/result-schema.md}. Reports, gates and CI read only
 * this.
 *
 * @param histograms by metric name, e.g. {@code staleness_age_us}, {@code invalidation_delay_us}
 * @param counters by name, e.g. {@code reads}, {@code stale_reads}, {@code lost_versions}
 */
public record RunResult(
    int schema,
    RunMetadata run,
    Map<String, MetricHistogram> histograms,
    Map<String, Long> counters,
    List<TimelinePoint> timeline,
    List<GateVerdict> gates) {

  public static final int SCHEMA = 1;

  /**
   * The result of a run that could not start because its client cannot run its topology: what
   * would have run, the reason, nothing measured and no gates.
   */
  public static RunResult unsupported(RunMetadata run, String reason) {
    RunMetadata metadata = new RunMetadata(run.runId(), run.startedAtEpochMillis(), 0, run.topology(),
        run.provisioner(), run.client(), run.workload(), run.faults(), run.injectors(), false, reason,
        run.security());
    return new RunResult(SCHEMA, metadata, Map.of(), Map.of(), List.of(), List.of());
  }

  /** Whether nothing ran because the client cannot run the topology. */
  @JsonIgnore
  public boolean isUnsupported() {
    return run != null && run.unsupported() != null;
  }

  public RunResult {
    if (schema != SCHEMA) {
      throw new IllegalArgumentException("schema must be " + SCHEMA + ", got " + schema);
    }
    histograms = histograms == null ? Map.of() : new TreeMap<>(histograms);
    counters = counters == null ? Map.of() : new TreeMap<>(counters);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    gates = gates == null ? List.of() : List.copyOf(gates);
  }
}
