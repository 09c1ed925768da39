package io.tracklab.reports.compare;

import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.RunMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes two runs not like for like: topology, provisioner, client, workload, faults,
 * injectors, a very different duration, an interrupted run. The comparison still goes ahead; each
 * difference becomes one warning line.
 */
final class ConfigurationDifferences {
  /** Durations further apart than this share are reported: maxima and totals grow with a run's length. */
  static final double DURATION_SHARE = 0.2;

  /** Fault parameters that are measurements, not configuration. */
  private static final Set<String> MEASURED = Set.of("failoverMillis", "detectionMillis", "longestWriteOutageMillis");

  private ConfigurationDifferences() {}

  /** One line per difference, empty when the runs are alike. */
  static List<String> between(RunMetadata baseline, RunMetadata current) {
    List<String> differences = new ArrayList<>();
    differ(differences, "topology", baseline.topology(), current.topology());
    differ(differences, "provisioner", baseline.provisioner(), current.provisioner());
    differ(differences, "client", baseline.client(), current.client());
    differ(differences, "security", Objects.requireNonNullElse(baseline.security(), "none"),
        Objects.requireNonNullElse(current.security(), "none"));
    List<String> workload = workloadDifferences(baseline.workload(), current.workload());
    if (!workload.isEmpty()) {
      differences.add("workload differs: " + String.join(", ", workload));
    }
    String baselineFaults = describe(baseline.faults());
    String currentFaults = describe(current.faults());
    if (!baselineFaults.equals(currentFaults)) {
      differences.add("faults differ: baseline " + baselineFaults + "; current " + currentFaults);
    }
    if (baseline.injectors().size() != current.injectors().size()) {
      differences.add("injectors differ: baseline " + baseline.injectors().size() + ", current "
          + current.injectors().size() + " (totals add up over injectors)");
    }
    long shorter = Math.min(baseline.durationMillis(), current.durationMillis());
    long longer = Math.max(baseline.durationMillis(), current.durationMillis());
    if (longer > 0 && longer - shorter > DURATION_SHARE * longer) {
      differences.add("durations differ: baseline " + seconds(baseline.durationMillis()) + ", current "
          + seconds(current.durationMillis()) + " (maxima and totals grow with a run's length)");
    }
    if (baseline.interrupted()) {
      differences.add("the baseline was interrupted (stopped before its end)");
    }
    if (current.interrupted()) {
      differences.add("the current run was interrupted (stopped before its end)");
    }
    return differences;
  }

  private static void differ(List<String> differences, String field, String baseline, String current) {
    if (!Objects.equals(baseline, current)) {
      differences.add(field + " differs: baseline " + baseline + ", current " + current);
    }
  }

  private static List<String> workloadDifferences(Map<String, Object> baseline, Map<String, Object> current) {
    Set<String> keys = new TreeSet<>(baseline.keySet());
    keys.addAll(current.keySet());
    List<String> differences = new ArrayList<>();
    for (String key : keys) {
      Object before = baseline.get(key);
      Object after = current.get(key);
      if (!same(before, after)) {
        differences.add(key + " " + (before == null ? "(none)" : before) + " -> " + (after == null ? "(none)" : after));
      }
    }
    return differences;
  }

  /** Equal, counting 10000 and 10000.0 as the same number. */
  private static boolean same(Object before, Object after) {
    if (before instanceof Number a && after instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    return Objects.equals(before, after);
  }

  /** The faults as configured (kind, target, parameters; not when, which varies by milliseconds, nor what was measured). */
  static String describe(List<FaultRecord> faults) {
    if (faults.isEmpty()) {
      return "none";
    }
    List<String> described = new ArrayList<>();
    for (FaultRecord fault : faults) {
      Map<String, Object> configured = new TreeMap<>(fault.parameters());
      configured.keySet().removeAll(MEASURED);
      described.add(fault.kind() + " on " + fault.target() + (configured.isEmpty() ? "" : " " + configured));
    }
    return String.join(", ", described);
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
