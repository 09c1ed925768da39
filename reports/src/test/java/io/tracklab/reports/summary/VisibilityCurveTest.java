package io.tracklab.reports.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class VisibilityCurveTest {
  private static Histogram values(long... micros) {
    Histogram histogram = new Histogram(2);
    for (long value : micros) {
      histogram.recordValue(value);
    }
    return histogram;
  }

  private static long[] times(int count, long micros) {
    long[] values = new long[count];
    java.util.Arrays.fill(values, micros);
    return values;
  }

  private static Histogram reads(long[]... groups) {
    Histogram histogram = new Histogram(2);
    for (long[] group : groups) {
      for (long value : group) {
        histogram.recordValue(value);
      }
    }
    return histogram;
  }

  @Test
  void eachBucket_isTheShareOfItsReadsThatSawTheWrite() {
    // 0.5-1 ms after the ack: 5 of 20 reads saw the write; 10-20 ms after: all 30 did
    VisibilityCurve curve = VisibilityCurve.of("run", reads(times(5, 700), times(30, 12_000)), reads(times(15, 600)));

    assertThat(curve.points()).containsExactly(
        new VisibilityCurve.Point(500, 1_000, 0.25, 20),
        new VisibilityCurve.Point(10_000, 20_000, 1.0, 30));
    assertThat(curve.visibleFromMicros(0.999)).isEqualTo(10_000);
    assertThat(curve.visibleFromMicros(0.2)).isEqualTo(500);
  }

  @Test
  void bucketsWithTooFewReads_areLeftOut() {
    VisibilityCurve curve = VisibilityCurve.of("run", reads(times(19, 3)), reads(times(1, 3_000)));
    assertThat(curve.points()).isEmpty();
  }

  @Test
  void lateStaleReads_meanNoTFromWhichEveryReadSawTheWrite() {
    VisibilityCurve curve = VisibilityCurve.of("run", reads(times(40, 100), times(30, 5_000_000)),
        reads(times(10, 5_000_000)));
    assertThat(curve.visibleFromMicros(0.999)).isEqualTo(-1);
  }

  @Test
  void noReads_noPoints() {
    assertThat(VisibilityCurve.of("run", values(), values()).points()).isEmpty();
  }

  @Test
  void bucketsFollowA125Scale_upToPastTheLargestValue() {
    assertThat(LogBins.edges(7)).containsExactly(0L, 1L, 2L, 5L, 10L);
    assertThat(LogBins.of(values(0, 1, 3, 3, 9))).extracting(LogBins.Bin::count).containsExactly(1L, 1L, 2L, 1L);
    assertThat(LogBins.of(values())).isEqualTo(List.of());
  }
}
