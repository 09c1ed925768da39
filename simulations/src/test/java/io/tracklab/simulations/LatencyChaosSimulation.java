package io.tracklab.simulations;

import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * Latency spikes on the client's link to the primary (replies and invalidation pushes late),
 * shorter than the heartbeat deadline, so the near-cache keeps serving: stale reads may be as old
 * as the injected latency, and no older (the staleness bound grows by the largest injected
 * latency). On a standalone topology the writers bypass the proxy, so writes go on at full speed.
 */
public class LatencyChaosSimulation extends TracklabSimulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(30),
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5),
      OperationMix.GETS_AND_SETS);
  static final GateSettings GATES = new GateSettings(0, Duration.ofMillis(500),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofMillis(500), 0);

  public LatencyChaosSimulation() {
    super(DEFAULTS, GATES, topology -> """
        at 5s for 8s: latency 50ms jitter 10ms downstream on current-primary
        at 17s for 5s: latency 200ms downstream on current-primary
        """);
  }
}
