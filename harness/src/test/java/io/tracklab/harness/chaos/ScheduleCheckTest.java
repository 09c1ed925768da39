package io.tracklab.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCheckTest {
  private static final List<String> SENTINEL = List.of("primary", "replica-1", "replica-2", "sentinel-1",
      "sentinel-2", "sentinel-3");

  private static List<ScheduleCheck.Problem> check(String topology, List<String> nodes, Duration run, String... lines) {
    return ScheduleCheck.check(Arrays.stream(lines).map(FaultSchedule::parseLine).toList(), topology, nodes, run);
  }

  @Test
  void killAndPauseOfOneNode_cannotOverlap() {
    assertThat(check("sentinel", SENTINEL, Duration.ofSeconds(30),
        "at 5s for 10s: kill primary", "at 8s for 2s: pause primary"))
        .containsExactly(new ScheduleCheck.Problem(1, "overlaps \"at 5s for 10s: kill primary\" on primary: "
            + "a node's process cannot be killed or paused twice at once (the first heal would restart or resume "
            + "it under the other)"));
  }

  @Test
  void aFaultWithoutForLastsToTheEnd_andOverlapsEverythingAfterIt() {
    assertThat(check("sentinel", SENTINEL, Duration.ofSeconds(30), "at 5s: disable replica-1",
        "at 20s for 1s: disable replica-1")).extracting(ScheduleCheck.Problem::index).containsExactly(1);
  }

  @Test
  void twoSizesOfOneTrackingTable_cannotOverlap_butTwoNodesTablesCan() {
    assertThat(check("sentinel", List.of("primary", "replica-1"), Duration.ofSeconds(30),
        "at 5s for 10s: tracking-table-max-keys 100 on primary", "at 10s for 2s: tracking-table-max-keys 10 on primary",
        "at 10s for 2s: tracking-table-max-keys 10 on replica-1", "at 16s: tracking-table-max-keys 10 on primary"))
        .containsExactly(new ScheduleCheck.Problem(1, "overlaps \"at 5s for 10s: tracking-table-max-keys 100 on "
            + "primary\" on primary: a node's tracking-table-max-keys cannot be set twice at once (the first heal would "
            + "put the old value back under the other)"));
  }

  @Test
  void faultsThatCanCoexist_areNotConflicts() {
    assertThat(check("sentinel", SENTINEL, Duration.ofSeconds(30),
        "at 5s for 10s: kill primary",
        "at 5s for 10s: kill replica-1",                  // another node
        "at 15s for 5s: pause primary",                   // right after the kill healed
        "at 5s for 10s: latency 50ms on primary",         // toxics chain
        "at 6s for 2s: latency 20ms on primary",
        "at 5s for 10s: partition primary",
        "at 5s for 1s: kill current-primary"))            // resolved when it fires
        .isEmpty();
  }

  @Test
  void faultsNeedingAnotherTopology_orNamingMissingNodes_areProblems() {
    assertThat(check("standalone", List.of("primary"), Duration.ofSeconds(30),
        "at 5s: sentinel failover", "at 6s: migrate slot 1 to node-2", "at 7s for 1s: kill replica-1"))
        .containsExactly(
            new ScheduleCheck.Problem(0, "needs a sentinel topology; this one is standalone"),
            new ScheduleCheck.Problem(1, "needs a cluster topology; this one is standalone"),
            new ScheduleCheck.Problem(1, "no node \"node-2\" in a standalone topology; its nodes are primary"),
            new ScheduleCheck.Problem(2, "no node \"replica-1\" in a standalone topology; its nodes are primary, "
                + "or current-primary"));
  }

  @Test
  void swapdb_runsWhereThereAreDatabasesToSwap() {
    assertThat(check("standalone", List.of("primary"), Duration.ofSeconds(30), "at 5s: swapdb")).isEmpty();
    assertThat(check("sentinel", SENTINEL, Duration.ofSeconds(30), "at 5s: swapdb with 2")).isEmpty();
    assertThat(check("cluster", List.of("node-1"), Duration.ofSeconds(30), "at 5s: swapdb")).containsExactly(
        new ScheduleCheck.Problem(0, "a Cluster has only database 0, so SWAPDB is refused there; run it on "
            + "standalone or sentinel"));
  }

  @Test
  void faultsMustStartAndHealBeforeTheEnd() {
    assertThat(check("standalone", List.of("primary"), Duration.ofSeconds(20),
        "at 20s: kill primary", "at 15s for 5s: latency 5ms on primary", "at 15s for 4s: latency 5ms on primary"))
        .containsExactly(
            new ScheduleCheck.Problem(0, "starts at 20s, not before the end of the run at 20s"),
            new ScheduleCheck.Problem(1, "heals at 20s, not before the end of the run at 20s (leave \"for\" out "
                + "to last until the end)"));
  }
}
