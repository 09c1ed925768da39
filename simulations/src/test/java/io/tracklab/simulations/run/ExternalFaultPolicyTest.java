package io.tracklab.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.external.ExternalTopologySpec;
import io.tracklab.topologies.external.HostPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalFaultPolicyTest {
  private static ExternalTopologySpec staging(boolean allowFaults) {
    return staging(allowFaults, false);
  }

  private static ExternalTopologySpec staging(boolean allowFaults, boolean allowNodeFaults) {
    return new ExternalTopologySpec(Path.of("staging.yaml"), TopologyKind.STANDALONE, Optional.empty(), allowFaults,
        allowNodeFaults, new HostPort("toxiproxy.staging", 8474), List.of(new ExternalTopologySpec.Node("primary", NodeRole.PRIMARY,
            "redis-primary", new HostPort("toxiproxy.staging", 26379), new HostPort("redis-1.staging", 6379))));
  }

  @Test
  void noFaults_needNoPermission() {
    assertThat(ExternalFaultPolicy.problems(staging(false), FaultSchedule.NONE)).isEmpty();
  }

  @Test
  void proxyFaults_needTheFilesPermission() {
    FaultSchedule proxyFaults = FaultSchedule.parse("test", "at 1s for 2s: latency 50ms on primary; at 4s for 1s: reset primary");

    assertThat(ExternalFaultPolicy.problems(staging(false), proxyFaults)).containsExactly(
        "staging.yaml: allowFaults: is not true, so faults on this external topology are refused (2 are scheduled, "
            + "the first \"at 1s for 2s: latency 50ms on primary\"); add allowFaults: true to the file to allow "
            + "faults through its proxies");
    assertThat(ExternalFaultPolicy.problems(staging(true), proxyFaults)).isEmpty();
  }

  @Test
  void faultsOnTheNodesThemselves_areRefusedEvenWhenFaultsAreAllowed() {
    FaultSchedule nodeFaults = FaultSchedule.parse("test", "at 1s for 2s: pause primary; at 4s for 1s: disable primary");

    assertThat(ExternalFaultPolicy.problems(staging(true), nodeFaults)).containsExactly(
        "\"at 1s for 2s: pause primary\": pause is not possible on the external topology staging.yaml: tracklab "
            + "does not own its nodes (only faults through their proxies are)");
    assertThat(ExternalFaultPolicy.problems(staging(true, true), nodeFaults)).as("the second flag does not allow a pause")
        .hasSize(1);
  }

  @Test
  void aFailover_needsTheSecondFlag() {
    FaultSchedule failover = FaultSchedule.parse("test", "at 1s for 2s: latency 5ms on primary; at 4s: sentinel failover");

    assertThat(ExternalFaultPolicy.problems(staging(true), failover)).containsExactly(
        "staging.yaml: allowNodeFaults: is not true, so \"at 4s: sentinel failover\" is refused: a failover acts on "
            + "the nodes themselves; add allowNodeFaults: true to the file (with allowFaults: true) to allow it");
    assertThat(ExternalFaultPolicy.problems(staging(true, true), failover)).isEmpty();
    assertThat(ExternalFaultPolicy.problems(staging(false, true), failover)).singleElement()
        .satisfies(problem -> assertThat(problem).startsWith("staging.yaml: allowFaults: is not true"));
  }

  @Test
  void swapdb_needsTheSecondFlag() {
    FaultSchedule swap = FaultSchedule.parse("test", "at 4s: swapdb");

    assertThat(ExternalFaultPolicy.problems(staging(false), swap)).hasSize(2).first()
        .satisfies(problem -> assertThat(problem).startsWith("staging.yaml: allowFaults: is not true"));
    assertThat(ExternalFaultPolicy.problems(staging(true), swap)).containsExactly(
        "staging.yaml: allowNodeFaults: is not true, so \"at 4s: swapdb\" is refused: swapdb acts on "
            + "the nodes themselves; add allowNodeFaults: true to the file (with allowFaults: true) to allow it");
    assertThat(ExternalFaultPolicy.problems(staging(true, true), swap)).isEmpty();
  }

  @Test
  void flushesTheTrackingTablesSizeAndKilledConnections_needTheSecondFlag() {
    FaultSchedule edges = FaultSchedule.parse("test",
        "at 2s: flushall async; at 3s for 2s: tracking-table-max-keys 10 on primary; at 6s: kill-connections pubsub primary");

    assertThat(ExternalFaultPolicy.problems(staging(true), edges)).containsExactly(
        "staging.yaml: allowNodeFaults: is not true, so \"at 2s: flushall async\" is refused: flushall acts on "
            + "the nodes themselves; add allowNodeFaults: true to the file (with allowFaults: true) to allow it",
        "staging.yaml: allowNodeFaults: is not true, so \"at 3s for 2s: tracking-table-max-keys 10 on primary\" is "
            + "refused: tracking-table-max-keys acts on the nodes themselves; add allowNodeFaults: true to the file "
            + "(with allowFaults: true) to allow it",
        "staging.yaml: allowNodeFaults: is not true, so \"at 6s: kill-connections pubsub primary\" is refused: "
            + "kill-connections acts on the nodes themselves; add allowNodeFaults: true to the file (with allowFaults: "
            + "true) to allow it");
    assertThat(ExternalFaultPolicy.problems(staging(true, true), edges)).isEmpty();
  }
}
