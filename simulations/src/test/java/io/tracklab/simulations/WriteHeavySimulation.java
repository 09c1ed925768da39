package io.tracklab.simulations;

import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * Half the operations are writes: the near-cache lives on invalidations, the hit ratio is low
 * (no hit-ratio gate) and every gate about staleness and invalidation delay is under the most
 * pressure. {@code -DreadRatio=0.2} pushes further. A tenth of the reads are MGETs of 5 keys and a
 * tenth of the writes are DELs, so multi-key reads and deleted keys are checked too.
 */
public class WriteHeavySimulation extends TracklabSimulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(30),
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.5, 64, Duration.ofSeconds(5),
      new OperationMix(0.1, 5, 0.1));
  static final GateSettings GATES = new GateSettings(0, Duration.ofMillis(50),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofMillis(10), 0);

  public WriteHeavySimulation() {
    super(DEFAULTS, GATES, topology -> "");
  }
}
