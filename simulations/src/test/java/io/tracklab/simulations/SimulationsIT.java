package io.tracklab.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import io.tracklab.harness.result.GateVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every simulation, shortened, on the local provisioner (real redis-server processes), run
 * through Gatling's own entry point as {@code mvn gatling:test} runs it: its gates (Gatling
 * assertions) must pass for tracklab's client, and a TTL-only cache must fail the staleness gate.
 * Fault schedules are compressed with {@code -Dfaults}, the way a user shortens a run.
 */
class SimulationsIT {
  @TempDir
  Path directory;

  private GatlingRuns.Outcome run(Class<? extends TracklabSimulation> simulation, Map<String, String> properties) {
    return run(simulation, properties, false);
  }

  /** Gatling's HTML report takes as long as a short run to build: only where a test looks at it. */
  private GatlingRuns.Outcome run(Class<? extends TracklabSimulation> simulation, Map<String, String> properties,
      boolean htmlReport) {
    Map<String, String> local = new HashMap<>(properties);
    local.put("tracklab.provisioner", "local");
    return GatlingRuns.run(simulation, local, directory, htmlReport);
  }

  private static void assertAllGatesPass(GatlingRuns.Outcome outcome) {
    assertThat(outcome.result().gates()).isNotEmpty().allSatisfy(gate ->
        assertThat(gate.passed()).as("%s: measured %s, threshold %s", gate.name(), gate.measured(), gate.threshold())
            .isTrue());
    assertThat(outcome.status()).as("Gatling's exit status (assertions)").isEqualTo(GatlingRuns.OK);
  }

  @Test
  void readHeavy_passesItsGates_andWritesGatlingsReport() throws IOException {
    GatlingRuns.Outcome outcome = run(ReadHeavySimulation.class, Map.of("duration", "8s"), true);
    assertAllGatesPass(outcome);
    assertThat(outcome.gate("hit ratio").measured()).isGreaterThanOrEqualTo(0.8);
    assertThat(outcome.result().counters().get("reads")).isPositive();
    try (Stream<Path> files = Files.walk(outcome.gatlingResults())) {
      assertThat(files.filter(path -> path.getFileName().toString().equals("index.html"))).hasSize(1);
    }
  }

  @Test
  void writeHeavy_passesItsGates() {
    GatlingRuns.Outcome outcome = run(WriteHeavySimulation.class, Map.of("duration", "6s"));
    assertAllGatesPass(outcome);
    long writes = outcome.result().counters().get("writes");
    assertThat(writes).isGreaterThan(outcome.result().counters().get("reads") / 2);
  }

  @Test
  void ttlOnlyClient_failsTheStalenessGate() {
    GatlingRuns.Outcome outcome = run(ReadHeavySimulation.class,
        Map.of("duration", "8s", "client", "ttl", "clientTtl", "5s", "rate", "5000"));
    assertThat(outcome.status()).as("Gatling fails on the staleness assertion").isNotEqualTo(GatlingRuns.OK);
    GateVerdict staleness = outcome.gate("staleness beyond bound");
    assertThat(staleness.passed()).isFalse();
    assertThat(staleness.measured()).isGreaterThan(staleness.threshold());
  }

  @Test
  void failedOperationsBeyondTheGate_failGatling_andResultJsonSaysTheSame() {
    GatlingRuns.Outcome outcome = run(PartitionChaosSimulation.class, Map.of("duration", "6s",
        "faults", "at 1s for 3s: reset current-primary", "gate.failedPercent", "0"));
    assertThat(outcome.status()).as("Gatling fails on the failed-operations gate").isNotEqualTo(GatlingRuns.OK);
    GateVerdict failed = outcome.gate("failed operations");
    assertThat(failed.passed()).isFalse();
    assertThat(failed.measured()).isPositive();
    assertThat(outcome.result().gates()).filteredOn(GateVerdict::passed).extracting(GateVerdict::name)
        .as("the other gates hold: only the one that failed fails Gatling").contains("staleness beyond bound");
  }

  @Test
  void aClientThatCannotRunTheTopology_isAnUnsupportedResult_notAFailedRun() throws IOException {
    GatlingRuns.Outcome outcome = run(FailoverSimulation.class, Map.of("client", "lettuce-csc",
        "topology", "sentinel"), true);
    assertThat(outcome.status()).as("Gatling's exit status").isEqualTo(GatlingRuns.OK);
    assertThat(outcome.result().isUnsupported()).isTrue();
    assertThat(outcome.result().run().unsupported()).contains("no Sentinel or Cluster support");
    assertThat(outcome.result().run().client()).isEqualTo("lettuce-csc");
    assertThat(outcome.result().counters()).isEmpty();
    assertThat(outcome.result().gates()).isEmpty();
    try (Stream<Path> files = Files.walk(outcome.gatlingResults())) {
      assertThat(files.filter(path -> path.getFileName().toString().equals("index.html"))).hasSize(1);
    }
  }

  @Test
  void latencyChaos_passesItsGates_andRecordsTheFaults() {
    GatlingRuns.Outcome outcome = run(LatencyChaosSimulation.class, Map.of("duration", "9s",
        "faults", "at 2s for 3s: latency 50ms jitter 10ms downstream on current-primary;"
            + " at 6s for 2s: latency 200ms downstream on current-primary"));
    assertAllGatesPass(outcome);
    assertThat(outcome.faultKinds()).containsExactly("latency", "latency");
    assertThat(outcome.result().run().faults()).allSatisfy(fault -> assertThat(fault.healedAtMillis()).isNotNull());
  }

  @Test
  void partitionChaos_passesItsGates() {
    GatlingRuns.Outcome outcome = run(PartitionChaosSimulation.class, Map.of("duration", "10s",
        "faults", "at 2s for 3s: partition current-primary; at 6s for 2s: reset current-primary"));
    assertAllGatesPass(outcome);
    assertThat(outcome.faultKinds()).containsExactly("partition", "reset");
    assertThat(outcome.result().counters().get("flushes_heartbeat_missed")).isPositive();
  }

  @Test
  void sentinelFailover_byKillAndPlanned_passesItsGates_andTimesBoth() {
    GatlingRuns.Outcome outcome = run(FailoverSimulation.class, Map.of("topology", "sentinel", "duration", "16s",
        "faults", "at 2s for 6s: kill current-primary; at 10s: sentinel failover"));
    assertAllGatesPass(outcome);
    assertThat(outcome.faultKinds()).containsExactly("kill", "sentinel-failover");
    assertThat(outcome.result().run().faults()).allSatisfy(fault ->
        assertThat(((Number) fault.parameters().get("failoverMillis")).longValue()).isPositive());
  }

  /**
   * The lost-write audit must not excuse a client for reading the wrong node: a plain Lettuce
   * connection ({@code client=none}) stays on the demoted primary after {@code SENTINEL FAILOVER}
   * until Sentinel reconfigures it, seconds later, while the writes go to the new one.
   */
  @Test
  void aClientLeftOnTheOldPrimary_failsTheStalenessGate_thoughTheFailoverAlsoLostWrites() {
    GatlingRuns.Outcome outcome = run(FailoverSimulation.class, Map.of("topology", "sentinel", "client", "none",
        "duration", "10s", "faults", "at 2s: sentinel failover"));
    assertThat(outcome.status()).isNotEqualTo(GatlingRuns.OK);
    assertThat(outcome.gate("staleness beyond bound").passed()).isFalse();
    assertThat(outcome.result().counters().get("violations")).isPositive();
  }

  @Test
  void clusterFailover_byKillAndPlanned_passesItsGates() {
    GatlingRuns.Outcome outcome = run(FailoverSimulation.class, Map.of("topology", "cluster", "duration", "16s",
        "faults", "at 2s for 6s: kill node-1; at 10s: cluster failover node-5"));
    assertAllGatesPass(outcome);
    assertThat(outcome.faultKinds()).containsExactly("kill", "cluster-failover");
  }

  @Test
  void slotMigration_passesItsGates() {
    GatlingRuns.Outcome outcome = run(SlotMigrationSimulation.class, Map.of("duration", "9s", "faults",
        "at 2s: migrate slot " + SlotHash.getSlot("key:0") + "; at 4s: migrate slot " + SlotHash.getSlot("key:1")
            + "; at 6s: migrate slot " + SlotHash.getSlot("key:2")));
    assertAllGatesPass(outcome);
    assertThat(outcome.faultKinds()).containsExactly("migrate-slot", "migrate-slot", "migrate-slot");
  }
}
