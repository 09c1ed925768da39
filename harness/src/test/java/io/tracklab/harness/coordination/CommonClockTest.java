package io.tracklab.harness.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.harness.result.InjectorClock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CommonClockTest {
  /** A common clock this many µs ahead of the wall clock, read in-process (millisecond resolution). */
  private final AtomicLong aheadMicros = new AtomicLong(5_000_000);
  private volatile boolean down;

  private long read() {
    if (down) {
      throw new IllegalStateException("primary gone");
    }
    return System.currentTimeMillis() * 1_000 + aheadMicros.get();
  }

  @Test
  void aClockThatDrifts_isFollowedByTheNextEstimate_andTheSummarySaysHowFar() {
    CommonClock clock = CommonClock.probe(this::read, 10);
    long tolerance = 2_000;
    assertThat(Math.abs(clock.current().wallOffsetMicros() - 5_000_000)).isLessThanOrEqualTo(tolerance);

    aheadMicros.addAndGet(40_000); // this machine's clock fell 40 ms behind during the run
    long beforeReprobe = clock.current().commonNanos(System.nanoTime());
    clock.reprobe();
    long afterReprobe = clock.current().commonNanos(System.nanoTime());

    assertThat(afterReprobe - beforeReprobe).as("timestamps now map 40 ms later")
        .isBetween(40_000_000L - 2 * tolerance * 1_000, 40_000_000L + 2 * tolerance * 1_000);
    assertThat(clock.first().wallOffsetMicros()).isNotEqualTo(clock.current().wallOffsetMicros());
    InjectorClock summary = clock.summary();
    assertThat(summary.offsetMicros()).isEqualTo(clock.first().wallOffsetMicros());
    assertThat(summary.driftMicros()).isBetween(40_000L - tolerance, 40_000L + tolerance);
    assertThat(summary.estimates()).isEqualTo(2);
    assertThat(summary.probes()).isEqualTo(10);
    assertThat(summary.uncertaintyMicros()).isGreaterThanOrEqualTo(
        Math.max(clock.first().uncertaintyMicros(), clock.current().uncertaintyMicros()));
  }

  @Test
  void aFailedEstimate_keepsTheLastInUse() {
    CommonClock clock = CommonClock.probe(this::read, 5);
    ClockEstimate inUse = clock.current();
    down = true;
    assertThatThrownBy(clock::reprobe).hasMessage("primary gone");
    assertThat(clock.current()).isSameAs(inUse);
    assertThat(clock.estimates()).isEqualTo(1);
  }
}
