package io.tracklab.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  private static ScheduledFault only(String line) {
    FaultSchedule schedule = FaultSchedule.parse("test", line);
    assertThat(schedule.faults()).hasSize(1);
    return schedule.faults().get(0);
  }

  @Test
  void readsTheDesignExamples() {
    FaultSchedule schedule = FaultSchedule.parse("design", """
        # the timeline of DESIGN.md section 5
        at 10s for 20s: latency 50ms downstream on primary
        at 40s: partition primary (timeout 0)
        at 40s: kill primary
        at 60s: sentinel failover
        at 30s: migrate slot 1234
        """);
    assertThat(schedule.faults()).extracting(f -> f.fault().kind())
        .containsExactly("latency", "migrate-slot", "partition", "kill", "sentinel-failover");
    ScheduledFault latency = schedule.faults().get(0);
    assertThat(latency.at()).isEqualTo(Duration.ofSeconds(10));
    assertThat(latency.healsAt()).isEqualTo(Duration.ofSeconds(30));
    assertThat(latency.fault()).isEqualTo(new ToxicFault("latency", "primary", ToxicFault.Direction.DOWNSTREAM,
        Duration.ofMillis(50), 0, Duration.ZERO));
    assertThat(schedule.faults().get(2).healsAt()).as("no duration: until the end").isNull();
    assertThat(schedule.lastChange()).isEqualTo(Duration.ofSeconds(60));
    assertThat(schedule.namedNodes()).containsExactly("primary", "primary", "primary");
  }

  @Test
  void readsEveryKindWithItsParameters() {
    assertThat(only("at 1s: latency 20ms jitter 5ms both on replica-1").fault().parameters())
        .isEqualTo(Map.of("direction", "both", "latency_ms", 20L, "jitter_ms", 5L));
    assertThat(only("at 1s: bandwidth 64KB/s upstream on primary").fault())
        .isEqualTo(new ToxicFault("bandwidth", "primary", ToxicFault.Direction.UPSTREAM, Duration.ZERO, 64, Duration.ZERO));
    assertThat(only("at 1s: timeout 2s on primary").fault().parameters()).containsEntry("timeout_ms", 2000L);
    assertThat(only("at 1s: partition on node-2").fault())
        .isEqualTo(new ToxicFault("partition", "node-2", ToxicFault.Direction.BOTH, Duration.ZERO, 0, Duration.ZERO));
    assertThat(only("at 1s: reset after 100ms on primary").fault().parameters()).containsEntry("timeout_ms", 100L);
    assertThat(only("at 1s: reset primary").fault().parameters()).containsEntry("timeout_ms", 0L);
    assertThat(only("at 1s: slow-close 1s on primary").fault().kind()).isEqualTo("slow-close");
    assertThat(only("at 1s for 2s: disable primary").fault()).isEqualTo(new ProxyDisableFault("primary"));
    assertThat(only("at 1s: pause current-primary").fault()).isEqualTo(new ProcessFault("pause", "current-primary"));
    assertThat(only("at 1s: cluster failover node-4").fault()).isEqualTo(new FailoverFault("cluster-failover", "node-4"));
    assertThat(only("at 1s: migrate slot 16383 to node-1").fault()).isEqualTo(new SlotMigrationFault(16383, "node-1"));
    assertThat(only("at 1s: swapdb").fault()).isEqualTo(new SwapDbFault(1));
    assertThat(only("at 1s: SWAPDB with 7").fault().parameters()).isEqualTo(Map.of("with", 7));
    assertThat(FaultSchedule.parse("-Dfaults", "at 1s: kill primary; at 2.5s for 500ms: pause replica-1").faults())
        .extracting(ScheduledFault::healsAt).containsExactly(null, Duration.ofSeconds(3));
  }

  @Test
  void flushesAndTheTrackingTablesSize_areFaultsToo() {
    assertThat(only("at 2s: flushall").fault()).isEqualTo(new FlushFault(true, false));
    assertThat(only("at 2s: FLUSHDB async").fault()).isEqualTo(new FlushFault(false, true));
    assertThat(only("at 2s: flushdb async").fault().kind()).isEqualTo("flushdb");
    assertThat(only("at 2s: flushall").fault().parameters()).isEqualTo(Map.of("async", false));
    assertThat(only("at 2s: flushall").fault().byRedisCommand()).as("needs allowNodeFaults on an external topology")
        .isTrue();
    Fault table = only("at 1s for 5s: tracking-table-max-keys 100 on primary").fault();
    assertThat(table).isEqualTo(new TrackingTableFault("primary", 100));
    assertThat(table.parameters()).isEqualTo(Map.of("max_keys", 100L));
    assertThat(table.byRedisCommand()).isTrue();
    assertThat(only("at 1s: tracking-table-max-keys 10 current-primary").fault().target()).isEqualTo("current-primary");
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: tracking-table-max-keys 0 on primary"))
        .hasMessageContaining("tracking-table-max-keys must be 1 or more while the fault lasts (0 means no limit), got 0");
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: tracking-table-max-keys on primary"))
        .hasMessageContaining("the table's size is not a whole number: \"on\"");
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: flushall now"))
        .hasMessageContaining("unexpected \"now\" after the flushall fault");
  }

  @Test
  void connectionsOfOneTypeMayBeKilled() {
    assertThat(only("at 2s: kill-connections pubsub on primary").fault())
        .isEqualTo(new ConnectionKillFault("pubsub", "primary"));
    assertThat(only("at 2s: kill-connections normal current-primary").fault().parameters())
        .isEqualTo(Map.of("type", "normal"));
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: kill-connections replica on primary"))
        .hasMessageContaining("kill-connections takes a connection type, pubsub or normal, got \"replica\"");
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: kill-connections pubsub"))
        .hasMessageContaining("missing the node");
  }

  @Test
  void aToxicMayNameOneInjectorsLink() {
    Fault fault = only("at 1s for 5s: latency 200ms downstream on primary via injector-2").fault();
    assertThat(fault).isEqualTo(new ToxicFault("latency", "primary", ToxicFault.Direction.DOWNSTREAM,
        Duration.ofMillis(200), 0, Duration.ZERO, "injector-2"));
    assertThat(fault.via()).isEqualTo("injector-2");
    assertThat(fault.parameters()).containsEntry("via", "injector-2");
    assertThat(only("at 1s: partition primary via injector-12").fault().via()).isEqualTo("injector-12");
    assertThat(only("at 1s: partition primary via injector-1").fault().timesFailover())
        .as("one injector's link cut moves no primary").isFalse();
    assertThat(only("at 1s: partition primary").fault().timesFailover()).isTrue();
    assertThat(only("at 1s: latency 20ms on primary").fault().via()).isNull();
    assertThat(only("at 1s: kill primary").fault().via()).isNull();
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: latency 20ms on primary via injector-0"))
        .hasMessageContaining("\"via\" names one injector of a distributed run, like injector-2; got \"injector-0\"");
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: latency 20ms on primary via"))
        .hasMessageContaining("missing the injector after \"via\"");
    assertThatThrownBy(() -> FaultSchedule.parse("-Dfaults", "at 1s: kill primary via injector-1"))
        .hasMessageContaining("unexpected \"via injector-1\" after the kill fault");
  }

  @Test
  void oneInjectorsLink_existsOnlyOnAStandaloneTopology() {
    Fault fault = only("at 1s: latency 200ms on primary via injector-2").fault();
    assertThat(fault.unsupportedOn("standalone")).isNull();
    assertThat(fault.unsupportedOn("cluster")).startsWith("\"via injector-2\" needs a standalone topology")
        .endsWith("this one is cluster");
    assertThat(only("at 1s: latency 200ms on primary").fault().unsupportedOn("cluster")).isNull();
  }

  @Test
  void currentPrimaryIsNotANodeToCheck() {
    assertThat(FaultSchedule.parse("t", "at 1s: kill current-primary").namedNodes()).isEmpty();
  }

  @Test
  void errorsNameTheSourceTheLineAndTheProblem() {
    assertThatThrownBy(() -> FaultSchedule.parse("experiments/x.chaos", "at 1s: kill primary\nat 2s: explode primary"))
        .isInstanceOf(FaultScheduleException.class)
        .hasMessageContaining("experiments/x.chaos line 2")
        .hasMessageContaining("\"at 2s: explode primary\"")
        .hasMessageContaining("unknown fault \"explode\"");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "latency 50ms on primary"))
        .hasMessageContaining("expected \"at <time> [for <duration>]: <fault>\"");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at soon: kill primary"))
        .hasMessageContaining("the time after \"at\" is not a duration: \"soon\"");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s for 0: kill primary")).hasMessageContaining("for 0");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: latency on primary"))
        .hasMessageContaining("the latency is not a duration: \"on\"");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: kill")).hasMessageContaining("missing the node");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: kill primary now"))
        .hasMessageContaining("unexpected \"now\" after the kill fault");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: bandwidth fast on primary"))
        .hasMessageContaining("64KB/s");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: migrate slot 20000"))
        .hasMessageContaining("slot 20000 is not a Cluster slot");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: swapdb with 0"))
        .hasMessageContaining("must be another one (1, 2, ...), not 0");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: swapdb with one"))
        .hasMessageContaining("the database to swap with 0 is not a whole number: \"one\"");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: swapdb primary"))
        .hasMessageContaining("unexpected \"primary\" after the swapdb fault");
    assertThatThrownBy(() -> FaultSchedule.parse("f", "at 1s: sentinel primary"))
        .hasMessageContaining("expected \"failover\" after \"sentinel\"");
  }

  @Test
  void blankLinesAndCommentsAreNothing() {
    assertThat(FaultSchedule.parse("f", "\n  # nothing\n\n").isEmpty()).isTrue();
  }
}
