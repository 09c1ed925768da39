package io.tracklab.simulations;

import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * A primary crashes (SIGKILL; restarted 10 s later, when it rejoins as a replica), then a planned
 * failover: Sentinel's ({@code -Dtopology=sentinel}, the default) or the Cluster's
 * ({@code -Dtopology=cluster}). The result times each failover (detection, first write on the new
 * primary, write outage) and audits acknowledged writes lost.
 */
public class FailoverSimulation extends TracklabSimulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.SENTINEL, "tracklab", Duration.ofSeconds(30),
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5),
      OperationMix.GETS_AND_SETS);
  static final GateSettings GATES = new GateSettings(5, Duration.ofMillis(2500),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofMillis(500), 0);

  public FailoverSimulation() {
    super(DEFAULTS, GATES, topology -> switch (topology) {
      case SENTINEL -> """
          at 5s for 10s: kill current-primary
          at 20s: sentinel failover
          """;
      case CLUSTER -> """
          at 5s for 10s: kill node-1   (node-4, its replica, takes over)
          at 20s: cluster failover node-5
          """;
      default -> throw new IllegalArgumentException(
          "FailoverSimulation needs -Dtopology=sentinel or -Dtopology=cluster, not " + topology.label());
    });
  }
}
