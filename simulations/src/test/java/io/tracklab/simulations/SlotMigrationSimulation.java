package io.tracklab.simulations;

import io.lettuce.core.cluster.SlotHash;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * Resharding under load on a Cluster: the slots of the three hottest keys (Zipf rank 0, 1, 2)
 * move to the next primary, one every 5 s. Clients meet ASK and MOVED redirections; the
 * near-cache must drop what it held for a moved slot, so no stale read is older than the bound.
 */
public class SlotMigrationSimulation extends TracklabSimulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.CLUSTER, "tracklab", Duration.ofSeconds(25),
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5),
      OperationMix.GETS_AND_SETS);
  static final GateSettings GATES = new GateSettings(1, Duration.ofMillis(500),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofMillis(100), 0);

  public SlotMigrationSimulation() {
    super(DEFAULTS, GATES, topology -> {
      if (topology != TopologyKind.CLUSTER) {
        throw new IllegalArgumentException("SlotMigrationSimulation needs -Dtopology=cluster, not " + topology.label());
      }
      return "at 5s: migrate slot " + SlotHash.getSlot("key:0") + "   (the hottest key's)\n"
          + "at 10s: migrate slot " + SlotHash.getSlot("key:1") + "\n"
          + "at 15s: migrate slot " + SlotHash.getSlot("key:2") + "\n";
    });
  }
}
