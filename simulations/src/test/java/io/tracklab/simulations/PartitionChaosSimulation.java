package io.tracklab.simulations;

import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * The client's link to the primary goes silent (a partition: bytes vanish, connections stay
 * open) and later is reset (TCP RST on every connection). Writers on a standalone topology
 * bypass the proxy and keep writing: the near-cache must notice the silence within its heartbeat
 * deadline and stop serving, so no stale read is older than the deadline. Operations that time
 * out during the faults fail; the failed-operations gate allows some.
 */
public class PartitionChaosSimulation extends TracklabSimulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(30),
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5),
      OperationMix.GETS_AND_SETS);
  static final GateSettings GATES = new GateSettings(5, Duration.ofMillis(2500),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofMillis(500), 0);

  public PartitionChaosSimulation() {
    super(DEFAULTS, GATES, topology -> """
        at 5s for 5s: partition current-primary
        at 16s for 3s: reset current-primary
        """);
  }
}
