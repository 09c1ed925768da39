package io.tracklab.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void readsEveryUnitAndFractions() {
    assertThat(DurationText.parse("x", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationText.parse("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationText.parse("x", " 2m ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("x", "1H")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("x", "0")).isEqualTo(Duration.ZERO);
    assertThat(DurationText.parse("x", "0.25ms")).isEqualTo(Duration.ofNanos(250_000));
  }

  @Test
  void rejectsWhatIsNotADurationNamingIt() {
    for (String bad : new String[] {"", "s", "10", "-1s", "1.s", "ten s", "5d", "99999999999999h"}) {
      assertThat(DurationText.tryParse(bad)).as(bad).isEmpty();
    }
    assertThatThrownBy(() -> DurationText.parse("-Dduration", "10"))
        .hasMessageContaining("-Dduration").hasMessageContaining("\"10\"").hasMessageContaining("1.5s");
  }

  @Test
  void formatsSoThatParsingGivesTheSameDuration() {
    for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(1500),
        Duration.ofMinutes(3), Duration.ofSeconds(90), Duration.ofNanos(250_000)}) {
      assertThat(DurationText.parse("x", DurationText.format(d))).isEqualTo(d);
    }
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }
}
