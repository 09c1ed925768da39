package io.tracklab.harness.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClockEstimateTest {
  @Test
  void theProbeWithTheSmallestRoundTrip_decides_andHalfItsTripIsTheUncertainty() {
    // the common clock is 5 s ahead of the wall clock, and nanoTime starts at 0 when the wall says 1,000,000 µs
    List<ClockEstimate.Probe> probes = List.of(
        new ClockEstimate.Probe(0, 4_000_000, 1_000_000, 1_004_000, 6_003_900), // 4 ms trip, read late
        new ClockEstimate.Probe(10_000_000, 10_200_000, 1_010_000, 1_010_200, 6_010_100), // 0.2 ms, read mid-trip
        new ClockEstimate.Probe(20_000_000, 21_000_000, 1_020_000, 1_021_000, 6_020_000)); // 1 ms, read early

    ClockEstimate estimate = ClockEstimate.of(probes);

    assertThat(estimate.wallOffsetMicros()).isEqualTo(5_000_000);
    assertThat(estimate.uncertaintyMicros()).isEqualTo(101); // 100 µs + TIME's microsecond
    assertThat(estimate.commonNanos(10_100_000)).isEqualTo(6_010_100_000L);
    assertThat(estimate.probes()).isEqualTo(3);
  }

  @Test
  void aProbedClock_isWhereItIs_withinTheStatedUncertainty() {
    long skewMicros = 123_456_789;
    ClockEstimate estimate = ClockEstimate.probe(
        () -> System.currentTimeMillis() * 1_000 + skewMicros, 20); // a clock 123 s ahead, read in-process

    // millisecond resolution of the simulated clock: within a millisecond plus the uncertainty
    assertThat(Math.abs(estimate.wallOffsetMicros() - skewMicros)).isLessThanOrEqualTo(1_000 + estimate.uncertaintyMicros());
  }
}
