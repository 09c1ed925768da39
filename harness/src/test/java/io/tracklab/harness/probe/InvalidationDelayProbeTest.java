package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tracklab.harness.nearcache.FlushReason;
import org.junit.jupiter.api.Test;

class InvalidationDelayProbeTest {
  private final InvalidationDelayProbe probe = new InvalidationDelayProbe(10,
      key -> key.startsWith("key:") ? Integer.parseInt(key.substring(4)) : -1);

  private static long ms(double millis) {
    return (long) (millis * 1_000_000);
  }

  @Test
  void delay_runsFromTheAckToTheInvalidation() {
    probe.writeSent(3, ms(0));
    probe.writeAcked(3, ms(10));
    probe.onInvalidation(ms(15), "key:3", true);
    assertThat(probe.count()).isEqualTo(1);
    assertThat(probe.percentileMicros(50)).isCloseTo(5_000, within(5.0));
  }

  @Test
  void aPushBeforeTheReply_isANegativeDelay() {
    probe.writeSent(3, ms(0));
    probe.onInvalidation(ms(3), "key:3", true);
    probe.writeAcked(3, ms(5));
    assertThat(probe.percentileMicros(50)).isCloseTo(-2_000, within(2.0));
  }

  @Test
  void percentiles_spanEarlyAndLateDelays() {
    probe.writeSent(1, ms(0));
    probe.onInvalidation(ms(8), "key:1", true);
    probe.writeAcked(1, ms(10)); // -2 ms
    probe.writeSent(2, ms(0));
    probe.writeAcked(2, ms(0));
    probe.onInvalidation(ms(5), "key:2", true); // 5 ms
    probe.writeSent(4, ms(0));
    probe.writeAcked(4, ms(0));
    probe.onInvalidation(ms(7), "key:4", true); // 7 ms
    assertThat(probe.percentileMicros(0)).isCloseTo(-2_000, within(2.0));
    assertThat(probe.percentileMicros(50)).isCloseTo(5_000, within(5.0));
    assertThat(probe.percentileMicros(100)).isCloseTo(7_000, within(7.0));
  }

  @Test
  void anAckThatNeverGotItsInvalidation_isNotPairedWithTheNextWritesPush() {
    probe.writeSent(5, ms(0));
    probe.writeAcked(5, ms(1)); // the cache did not hold key:5: no push will come for this one
    probe.writeSent(5, ms(5000));
    probe.onInvalidation(ms(5000.2), "key:5", true); // the next write's push, before its reply
    probe.writeAcked(5, ms(5000.5));
    assertThat(probe.count()).isEqualTo(1);
    assertThat(probe.percentileMicros(100)).isCloseTo(-300, within(1.0));
  }

  @Test
  void keysTheCacheDidNotHold_flushes_andForeignKeys_measureNothing() {
    probe.writeSent(1, ms(0));
    probe.writeAcked(1, ms(1));
    probe.onInvalidation(ms(2), "key:1", false);
    probe.writeSent(2, ms(0));
    probe.writeAcked(2, ms(1));
    probe.onFlush(ms(2), FlushReason.DISCONNECTED, 5);
    probe.onInvalidation(ms(3), "key:2", true);
    probe.onInvalidation(ms(3), "other", true);
    assertThat(probe.count()).isZero();
  }

  @Test
  void anInvalidationNoWriteCaused_isNotPairedWithAnAckWhoseInvalidationNeverCame() {
    probe.writeSent(6, ms(0));
    probe.writeAcked(6, ms(1)); // the cache did not hold key:6: no push will come for this one
    probe.remoteRead(6, ms(100)); // read again (and tracked again) after that write
    probe.onInvalidation(ms(3000), "key:6", true); // evicted from the server's tracking table: no write caused it
    assertThat(probe.count()).as("not a 3 s delay of the write at 1 ms").isZero();
  }

  @Test
  void aReadSentBeforeTheAck_leavesTheWriteWaitingForItsInvalidation() {
    probe.writeSent(7, ms(0));
    probe.remoteRead(7, ms(0.5)); // read while the write was in flight: the server may have read before it
    probe.writeAcked(7, ms(1));
    probe.remoteRead(7, ms(0.8)); // its reply came after the ack, but it was sent before
    probe.onInvalidation(ms(4), "key:7", true);
    assertThat(probe.count()).isEqualTo(1);
    assertThat(probe.percentileMicros(50)).isCloseTo(3_000, within(3.0));
  }
}
