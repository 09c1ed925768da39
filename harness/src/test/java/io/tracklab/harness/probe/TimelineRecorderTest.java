package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.result.TimelinePoint;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimelineRecorderTest {
  private static final long START = 1_000_000_000L;

  private static long at(double seconds) {
    return START + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void closedSecondsKeepTheirDelaysExactly() {
    TimelineRecorder timeline = new TimelineRecorder(START, 20);
    for (int second = 0; second < 10; second++) {
      for (int i = 1; i <= 100; i++) {
        timeline.invalidationDelay(at(second + 0.5), TimeUnit.MICROSECONDS.toNanos(i * (second + 1L)));
      }
      timeline.invalidationDelay(at(second + 0.6), -TimeUnit.MICROSECONDS.toNanos(7));
    }
    List<TimelinePoint> points = timeline.points(at(9.9));
    assertThat(points).hasSize(10);
    for (int second = 0; second < 10; second++) {
      var delay = points.get(second).invalidationDelay();
      assertThat(delay.histogram().getTotalCount()).as("second %d", second).isEqualTo(100);
      assertThat(delay.histogram().getMaxValue()).as("second %d", second)
          .isBetween(100L * (second + 1) - second - 1, 100L * (second + 1) + second + 1);
      assertThat(delay.negativeHistogram().getTotalCount()).as("second %d early", second).isEqualTo(1);
    }
  }

  @Test
  void aDelayForASecondAlreadyClosedCountsInTheOldestOpenOne() {
    TimelineRecorder timeline = new TimelineRecorder(START, 10);
    timeline.invalidationDelay(at(0.1), 1_000);
    timeline.invalidationDelay(at(5.1), 1_000); // closes seconds 0..3
    timeline.invalidationDelay(at(1.5), 2_000); // a thread that stalled: second 1 is closed
    List<TimelinePoint> points = timeline.points(at(5.5));
    assertThat(points.get(0).invalidationDelay().histogram().getTotalCount()).isEqualTo(1);
    assertThat(points.get(1).invalidationDelay()).isNull();
    assertThat(points.get(4).invalidationDelay().histogram().getTotalCount()).isEqualTo(1);
    assertThat(points.get(5).invalidationDelay().histogram().getTotalCount()).isEqualTo(1);
    long total = points.stream().filter(point -> point.invalidationDelay() != null)
        .mapToLong(point -> point.invalidationDelay().histogram().getTotalCount()).sum();
    assertThat(total).isEqualTo(3);
  }
}
