package io.tracklab.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run that cannot start after its topology did (here: a fault schedule naming a node the
 * topology lacks, found before the load) stops what it had started at once, not at the JVM's
 * exit: one JVM may go on to run many plans (a matrix, a soak).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TracklabRunStartFailureIT {

  @Test
  void aScheduleNamingANodeTheTopologyLacks_failsBeforeTheLoad_andStopsTheTopologyItStarted() {
    RunPlan plan = new RunPlan("start-failure", null,
        new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(10), 1, 100, 100,
            new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5), new OperationMix(0, 2, 0)),
        new GateSettings(0, Duration.ofMillis(50), Duration.ofMillis(550), Duration.ofMillis(10), 0),
        FaultSchedule.parse("test", "at 2s for 2s: latency 50ms downstream on replica-1"));
    Set<Long> before = processesOfThisJvm();

    assertThatThrownBy(() -> TracklabRun.start(plan)).hasMessageContaining("replica-1");

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(processesOfThisJvm()).as("processes this JVM started (redis-server), still alive").isSubsetOf(before));
  }

  /** Every live process this JVM started (redis-server may run as a link's target: no name filter). */
  private static Set<Long> processesOfThisJvm() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
