package io.tracklab.simulations.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportSamplerTest {
  private static final long SECOND = 1_000_000_000L;

  /** Events spread evenly over [second, second + 1 s): how many got a record. */
  private static int spread(ReportSampler.Kind kind, long second, int events) {
    int taken = 0;
    for (int i = 0; i < events; i++) {
      if (kind.take(second * SECOND + i * (SECOND / events))) {
        taken++;
      }
    }
    return taken;
  }

  @Test
  void aSlowKind_keepsEveryRecord() {
    ReportSampler.Kind kind = new ReportSampler(100).kind();
    for (long second = 0; second < 5; second++) {
      assertThat(spread(kind, second, 80)).isEqualTo(80);
    }
  }

  @Test
  void aFastKind_keepsAboutTheBudget_eachSecond_andNeverTwiceIt() {
    ReportSampler.Kind kind = new ReportSampler(100).kind();
    assertThat(spread(kind, 0, 50_000)).as("the first second: nothing known yet, capped").isEqualTo(200);
    for (long second = 1; second < 10; second++) {
      assertThat(spread(kind, second, 50_000)).as("second %d", second).isBetween(60, 140);
      assertThat(kind.oneIn()).isEqualTo(500);
    }
    assertThat(spread(kind, 10, 100)).as("slower again: 1 in 500 of 100").isLessThan(10);
    assertThat(spread(kind, 11, 100)).as("the next second knows it").isEqualTo(100);
  }

  @Test
  void afterAnIdleStretch_theRateIsPerSecond() {
    ReportSampler.Kind kind = new ReportSampler(100).kind();
    spread(kind, 0, 1_000);
    kind.take(10 * SECOND); // 10 s later: 1,000 over 10 s is 100 a second
    assertThat(kind.oneIn()).isEqualTo(1);
  }

  @Test
  void zero_keepsEverything() {
    ReportSampler.Kind kind = new ReportSampler(0).kind();
    assertThat(spread(kind, 0, 10_000)).isEqualTo(10_000);
    assertThatThrownBy(() -> new ReportSampler(-1)).hasMessageContaining("-1");
  }
}
