package io.tracklab.simulations;

import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * The default simulation: 95% reads over Zipf(0.99)-chosen keys through the near-cache on a
 * standalone topology, writes from "another instance", every read checked, no faults. Gates: no
 * failed operation, remote p99, no stale read beyond the bound, invalidation-delay p99, hit ratio.
 *
 * <p>{@code ./mvnw gatling:test} runs it (30 s at 20,000 operations/s: a fixed rate keeps the
 * latency gates about the client, not about how saturated the machine is, and Gatling's report
 * of an unthrottled run on 2 cores takes minutes to build; {@code -Drate=0} for as fast as
 * possible); see docs/simulations.md for the properties that change it.
 */
public class ReadHeavySimulation extends TracklabSimulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(30),
      8, 20_000, 10_000, new KeyDistribution.Zipf(0.99), 0.95, 64, Duration.ofSeconds(5),
      OperationMix.GETS_AND_SETS);
  static final GateSettings GATES = new GateSettings(0, Duration.ofMillis(50),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofMillis(10), 0.8);

  public ReadHeavySimulation() {
    super(DEFAULTS, GATES, topology -> "");
  }
}
