package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.harness.workload.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder's own bookkeeping around faults (times are milliseconds written as nanoseconds). */
class RunRecorderTest {
  private static final WorkloadSpec WORKLOAD =
      new WorkloadSpec("key:", 10, new KeyDistribution.Uniform(), 0.5, 64, 1, 1, 0);

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }

  @Test
  void aWriteOutage_runsFromTheLastWriteBeforeTheFault_toTheFirstAfterIt() {
    RunRecorder recorder = new RunRecorder(WORKLOAD, new CheckerConfig(10, 1, Duration.ofMillis(100)), 10, 0);
    for (long t = 100; t <= 1000; t += 100) {
      recorder.writeAcked(0, recorder.writeSending(0, ms(t - 1)), ms(t), null);
    }
    recorder.faultStarted("kill", "primary", Map.of(), ms(1050), true, "primary", null);
    recorder.writeAcked(0, recorder.writeSending(0, ms(3499)), ms(3500), null); // the new primary
    recorder.writeAcked(0, recorder.writeSending(0, ms(3509)), ms(3510), null);

    RunResult result = recorder.toResult("run", 0, ms(4000), "sentinel", "local", "tracklab", List.of("test"),
        false, null, null);
    FaultRecord kill = result.run().faults().get(0);
    assertThat(kill.parameters())
        .containsEntry("longestWriteOutageMillis", 2500L)
        .containsEntry("failoverMillis", 2450L);
  }

  private static String value(int key, long version) {
    return new io.tracklab.harness.workload.VersionedValue("key:" + key, version, 0).encode(64);
  }

  @Test
  void readsOfAnotherInjectorsKeys_areJudgedOnceItsAcknowledgementsAreKnown_upToItsWatermark() {
    // injector 0 of 2: it writes the even keys; key 1 is injector 1's
    RunRecorder recorder = new RunRecorder(WORKLOAD, new CheckerConfig(10, 1, Duration.ofMillis(100)), 10, 0,
        new io.tracklab.harness.workload.KeySlice(0, 2));
    List<long[]> sent = new java.util.ArrayList<>();
    recorder.judgeAcrossInjectors((key, version, ack) -> sent.add(new long[] {key, version, ack}));

    recorder.writeAcked(0, recorder.writeSending(0, ms(9)), ms(10), null);
    recorder.read(-1, 1, ms(500), ms(501), value(1, 1), true); // v1 of key 1, while v2 was acknowledged at 300 ms
    recorder.read(-1, 1, ms(900), ms(901), value(1, 3), true); // a version not acknowledged by the watermark
    recorder.foreignWriteAcked(1, 2, ms(300));
    recorder.foreignWatermark(1, ms(600)); // the read at 900 ms waits

    assertThat(sent).hasSize(1).first().satisfies(ack -> assertThat(ack).containsExactly(0, 1, ms(10)));
    RunResult partial = recorder.toResult("run", 0, ms(1000), "standalone", "local", "tracklab", List.of("a"), false,
        null, null);
    assertThat(partial.counters()).containsEntry("reads_judged_across_injectors", 1L).containsEntry("unjudged_reads", 1L)
        .containsEntry("stale_reads", 1L).containsEntry("violations", 1L).containsEntry("reads", 2L);
    org.HdrHistogram.Histogram across = partial.histograms().get("staleness_across_injectors_us").histogram();
    assertThat(across.getTotalCount()).isEqualTo(1);
    assertThat(across.getMaxValue()).as("read at 500 ms, v2 acknowledged at 300 ms: 200 ms old")
        .isBetween(199_000L, 201_000L);

    recorder.foreignWatermark(1, ms(1000));
    RunResult all = recorder.toResult("run", 0, ms(1000), "standalone", "local", "tracklab", List.of("a"), false,
        null, null);
    assertThat(all.counters()).containsEntry("reads_judged_across_injectors", 2L).containsEntry("unjudged_reads", 0L)
        .containsEntry("concurrent_reads", 1L).containsEntry("reads", 2L);
  }

  @Test
  void onACluster_theFailoverIsTimedFromTheWritesOfTheKeysThatMoved() {
    RunRecorder recorder = new RunRecorder(WORKLOAD, new CheckerConfig(10, 1, Duration.ofMillis(100)), 10, 0);
    recorder.faultStarted("kill", "node-1", Map.of(), ms(1000), true, "node-1", key -> key.equals("key:3"));
    recorder.writeAcked(5, recorder.writeSending(5, ms(1099)), ms(1100), null); // another primary's key
    recorder.writeAcked(3, recorder.writeSending(3, ms(3199)), ms(3200), null); // node-1's, after the failover

    FaultRecord kill = recorder.toResult("run", 0, ms(4000), "cluster", "local", "tracklab", List.of("test"),
        false, null, null).run().faults().get(0);
    assertThat(kill.parameters()).containsEntry("failoverMillis", 2200L);
  }
}
