package io.tracklab.harness.chaos;

import java.util.Map;

/**
 * {@code tracking-table-max-keys} lowered on a node ({@code CONFIG SET}) and put back at heal.
 * When its tracking table holds more keys than that, Redis evicts keys from it and sends their
 * invalidations at once, though nothing wrote them: a client must drop those entries (and read
 * them again), not keep serving them untracked, since later writes of an evicted key send nothing.
 *
 * @param maxKeys the table's size while the fault lasts (0 would mean "no limit": refused)
 */
public record TrackingTableFault(String target, long maxKeys) implements NodeCommandFault {
  static final String PARAMETER = "tracking-table-max-keys";

  public TrackingTableFault {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException(PARAMETER + " must be 1 or more while the fault lasts (0 means no limit), got "
          + maxKeys);
    }
  }

  @Override
  public String kind() {
    return PARAMETER;
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("max_keys", maxKeys);
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    String before = topology.configSet(node, PARAMETER, Long.toString(maxKeys));
    return () -> topology.configSet(node, PARAMETER, before);
  }
}
