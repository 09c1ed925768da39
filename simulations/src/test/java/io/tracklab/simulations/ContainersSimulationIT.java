package io.tracklab.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.topologies.containers.ContainerProvisioner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulations on the containers provisioner ({@code -Dtracklab.provisioner=containers}), as
 * {@link SimulationsIT} runs them on local processes: gates pass and result.json says
 * {@code containers}. Skipped, saying why, where containers cannot run or their images are not
 * here ({@code bin/tracklab images}; {@code .ci/run} builds them).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ContainersSimulationIT {
  @TempDir
  Path directory;

  private static String unusable;

  @BeforeAll
  static void checkContainers() {
    unusable = ContainerProvisioner.unusableWithoutPullingBecause();
  }

  /** Per test, so each is reported skipped with the reason (a class-level assumption hides them). */
  @BeforeEach
  void requireContainers() {
    Assumptions.assumeTrue(unusable.isEmpty(), () -> "containers cannot run here: " + unusable);
  }

  private GatlingRuns.Outcome run(Class<? extends TracklabSimulation> simulation, Map<String, String> properties) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put("tracklab.provisioner", "containers");
    return GatlingRuns.run(simulation, all, directory, false);
  }

  private static void assertGatesPassOnContainers(GatlingRuns.Outcome outcome) {
    assertThat(outcome.result().run().provisioner()).isEqualTo("containers");
    assertThat(outcome.result().gates()).isNotEmpty().allSatisfy(gate ->
        assertThat(gate.passed()).as("%s: measured %s, threshold %s", gate.name(), gate.measured(), gate.threshold())
            .isTrue());
    assertThat(outcome.status()).as("Gatling's exit status (assertions)").isEqualTo(GatlingRuns.OK);
  }

  @Test
  void readHeavy_onContainers_passesItsGates() {
    GatlingRuns.Outcome outcome = run(ReadHeavySimulation.class, Map.of("duration", "8s"));
    assertGatesPassOnContainers(outcome);
    assertThat(outcome.result().counters().get("reads")).isPositive();
  }

  @Test
  void silentPartition_onContainers_passesItsGates() {
    GatlingRuns.Outcome outcome = run(PartitionChaosSimulation.class, Map.of("duration", "10s",
        "faults", "at 2s for 3s: partition current-primary"));
    assertGatesPassOnContainers(outcome);
    assertThat(outcome.faultKinds()).containsExactly("partition");
    assertThat(outcome.result().counters().get("flushes_heartbeat_missed")).isPositive();
  }

  @Test
  void sentinelFailover_onContainers_passesItsGates() {
    GatlingRuns.Outcome outcome = run(FailoverSimulation.class, Map.of("topology", "sentinel", "duration", "14s",
        "faults", "at 2s for 6s: kill current-primary"));
    assertGatesPassOnContainers(outcome);
    assertThat(outcome.faultKinds()).containsExactly("kill");
  }
}
