package io.tracklab.harness.chaos;

import java.util.Map;

/**
 * {@code SWAPDB 0 <with>} on the primary: database 0, where the workload's keys live, becomes
 * the other database (empty unless something wrote there) in one atomic step. Redis 7.0 sends no
 * invalidation and no keyspace event for it, so no tracking client can see it: a near-cache
 * serves what it held until the key is written again or its entry ages out. The target takes
 * every key as deleted at the swap ({@link ChaosTarget#swapDatabases}), so reads of the old values
 * after it are stale and the lost-write audit expects nothing of them.
 *
 * <p>Not undone at heal: swapping back would put the old values under keys written since, which
 * no write the harness made explains. Not on a Cluster, which has only database 0.
 *
 * @param with the database swapped with database 0 (1..15 on a default Redis)
 */
public record SwapDbFault(int with) implements NodeCommandFault {
  public SwapDbFault {
    if (with <= 0) {
      throw new IllegalArgumentException("the database to swap with 0 must be another one (1, 2, ...), not " + with);
    }
  }

  @Override
  public String kind() {
    return "swapdb";
  }

  @Override
  public String target() {
    return null;
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("with", with);
  }

  @Override
  public String unsupportedOn(String topology) {
    return topology.equals("cluster")
        ? "a Cluster has only database 0, so SWAPDB is refused there; run it on standalone or sentinel" : null;
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    topology.swapDatabases(0, with);
    return Heal.NOTHING;
  }
}
