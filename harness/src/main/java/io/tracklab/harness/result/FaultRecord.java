package io.tracklab.harness.result;

import java.util.Map;

/**
 * A fault as it happened in a run.
 *
 * @param kind e.g. {@code latency}, {@code partition}, {@code kill}, {@code sentinel-failover}
 * @param target the node or proxy name, e.g. {@code primary}
 * @param startedAtMillis when it was injected, milliseconds since the run started
 * @param healedAtMillis when it was healed, milliseconds since the run started (null: never
 *     healed, e.g. a kill, or the run was interrupted)
 */
public record FaultRecord(
    String kind,
    String target,
    long startedAtMillis,
    Long healedAtMillis,
    Map<String, Object> parameters) {

  public FaultRecord {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
