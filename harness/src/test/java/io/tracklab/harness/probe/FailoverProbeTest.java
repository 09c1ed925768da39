package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailoverProbeTest {
  private static long ms(long millis) {
    return millis * 1_000_000L;
  }

  @Test
  void failover_isTheFirstAckFromAnotherNodeAfterTheFault() {
    FailoverProbe probe = new FailoverProbe(ms(1000), "primary");
    for (long t = 0; t < 1000; t += 10) {
      probe.writeAcked(ms(t), "primary");
    }
    probe.writeAcked(ms(1005), "primary"); // still acknowledged by the old primary (just before it went)
    probe.topologyEvent(ms(2100));
    probe.writeAcked(ms(3200), "replica-1");
    probe.writeAcked(ms(3210), "replica-1");
    FailoverProbe.Failover failover = probe.result();
    assertThat(failover.failoverNanos()).isEqualTo(ms(2200));
    assertThat(failover.detectionNanos()).isEqualTo(ms(1100));
    assertThat(failover.longestWriteOutageNanos()).isEqualTo(ms(3200 - 1005));
    assertThat(failover.outageEndedNanos()).isEqualTo(ms(2200));
  }

  @Test
  void withoutNodeNames_theFirstAckAfterTheFaultCounts() {
    FailoverProbe probe = new FailoverProbe(ms(100), null);
    probe.writeAcked(ms(90), null);
    probe.writeAcked(ms(400), null);
    assertThat(probe.result().failoverNanos()).isEqualTo(ms(300));
  }

  @Test
  void nothingAfterTheFault_isReportedAsAbsent() {
    FailoverProbe probe = new FailoverProbe(ms(100), "primary");
    probe.writeAcked(ms(50), "primary");
    assertThat(probe.result()).isEqualTo(new FailoverProbe.Failover(-1, -1, -1, -1));
  }
}
