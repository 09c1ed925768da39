package io.tracklab.harness.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What ran: where, with which client and workload, which faults, on which injectors.
 *
 * @param runId unique per run, also the directory name under {@code target/tracklab/}
 * @param startedAtEpochMillis wall-clock start (for people; measurements use monotonic time)
 * @param topology {@code standalone}, {@code sentinel} or {@code cluster}
 * @param client e.g. {@code tracklab}, {@code none}, {@code ttl}
 * @param workload the workload's settings as name → value
 * @param injectors the machines (or JVMs) whose measurements are in this result
 * @param interrupted the run was stopped before its end (Ctrl-C, SIGTERM, failure)
 * @param unsupported why the client cannot run this topology (nothing was measured); null
 *     when it ran
 * @param security how the topology was secured ({@code password}, {@code acl}, {@code acl+tls},
 *     ...); null when it was not (no password, no TLS)
 * @param clocks a distributed run's injectors' clocks against the common clock, by injector;
 *     empty (and absent from the file) for a run of one JVM
 */
public record RunMetadata(
    String runId,
    long startedAtEpochMillis,
    long durationMillis,
    String topology,
    String provisioner,
    String client,
    Map<String, Object> workload,
    List<FaultRecord> faults,
    List<String> injectors,
    boolean interrupted,
    @JsonInclude(JsonInclude.Include.NON_NULL) String unsupported,
    @JsonInclude(JsonInclude.Include.NON_NULL) String security,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, InjectorClock> clocks) {

  /** Without clocks: a run of one JVM. */
  public RunMetadata(String runId, long startedAtEpochMillis, long durationMillis, String topology,
      String provisioner, String client, Map<String, Object> workload, List<FaultRecord> faults,
      List<String> injectors, boolean interrupted, String unsupported, String security) {
    this(runId, startedAtEpochMillis, durationMillis, topology, provisioner, client, workload, faults, injectors,
        interrupted, unsupported, security, Map.of());
  }

  /** The same run with these injectors' clocks. */
  public RunMetadata withClocks(Map<String, InjectorClock> other) {
    return new RunMetadata(runId, startedAtEpochMillis, durationMillis, topology, provisioner, client, workload,
        faults, injectors, interrupted, unsupported, security, other);
  }

  /** A run, or an unsupported one, on a topology without passwords or TLS. */
  public RunMetadata(String runId, long startedAtEpochMillis, long durationMillis, String topology,
      String provisioner, String client, Map<String, Object> workload, List<FaultRecord> faults,
      List<String> injectors, boolean interrupted, String unsupported) {
    this(runId, startedAtEpochMillis, durationMillis, topology, provisioner, client, workload, faults, injectors,
        interrupted, unsupported, null);
  }

  /** The same run on a topology secured as {@code label} says (null: not secured). */
  public RunMetadata withSecurity(String label) {
    return new RunMetadata(runId, startedAtEpochMillis, durationMillis, topology, provisioner, client, workload,
        faults, injectors, interrupted, unsupported, label, clocks);
  }

  /** A run that ran. */
  public RunMetadata(String runId, long startedAtEpochMillis, long durationMillis, String topology,
      String provisioner, String client, Map<String, Object> workload, List<FaultRecord> faults,
      List<String> injectors, boolean interrupted) {
    this(runId, startedAtEpochMillis, durationMillis, topology, provisioner, client, workload, faults, injectors,
        interrupted, null);
  }

  public RunMetadata {
    workload = workload == null ? Map.of() : Map.copyOf(workload);
    faults = faults == null ? List.of() : List.copyOf(faults);
    injectors = injectors == null ? List.of() : List.copyOf(injectors);
    clocks = clocks == null ? Map.of() : Map.copyOf(clocks);
  }
}
