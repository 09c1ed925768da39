package io.tracklab.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToleranceTest {
  private static final Metric REMOTE_P99 = RunMetrics.named("remote_read_p99_ms").orElseThrow();
  private static final Metric THROUGHPUT = RunMetrics.named("throughput_ops").orElseThrow();

  @Test
  void nothingGiven_isTheDefaultForEveryMetric() {
    Tolerance tolerance = Tolerance.parse(List.of());

    assertThat(tolerance).isEqualTo(Tolerance.DEFAULT);
    assertThat(RunMetrics.ALL).allSatisfy(metric ->
        assertThat(tolerance.percentFor(metric)).isEqualTo(metric.defaultTolerancePercent()));
    assertThat(tolerance.percentFor(REMOTE_P99)).isEqualTo(Tolerance.DEFAULT_PERCENT);
    assertThat(tolerance.percentFor(THROUGHPUT)).isEqualTo(40);
    assertThat(tolerance.describe()).isEqualTo("25% (throughput_ops 40%)");
  }

  @Test
  void aPercentage_setsEveryMetric_andAMetricsOwnOverridesIt() {
    Tolerance tolerance = Tolerance.parse(List.of("remote_read_p99_ms=50%", "12.5%", " throughput_ops = 5% "));

    assertThat(tolerance.percentFor(REMOTE_P99)).isEqualTo(50);
    assertThat(tolerance.percentFor(THROUGHPUT)).isEqualTo(5);
    assertThat(tolerance.percentFor(RunMetrics.named("hit_ratio_pct").orElseThrow())).isEqualTo(12.5);
    assertThat(tolerance.describe()).isEqualTo("12.5% (throughput_ops 5%, remote_read_p99_ms 50%)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "20           | \"20\": \"20\" is not a percentage; write a tolerance like 20% (every metric) or "
          + "remote_read_p99_ms=50% (one metric)",
      "-5%          | \"-5%\": \"-5%\" is not a percentage",
      "lots%        | \"lots%\": \"lots%\" is not a percentage",
      "p99=10%      | \"p99=10%\": no metric is called \"p99\"; metrics are throughput_ops, hit_ratio_pct",
      "violations=50% | \"violations=50%\": any increase of violations is a regression; it takes no tolerance",
      "remote_read_p99_ms=fast | \"remote_read_p99_ms=fast\": \"fast\" is not a percentage"})
  void aBadTolerance_isRefused_namingTheValue(String spec, String message) {
    assertThatThrownBy(() -> Tolerance.parse(List.of(spec))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aToleranceGivenTwice_isRefused_namingBoth() {
    assertThatThrownBy(() -> Tolerance.parse(List.of("10%", "20%")))
        .hasMessage("\"20%\": a tolerance for every metric was already given (10%); name a metric to set one: "
            + "<metric>=<percent>%");
    assertThatThrownBy(() -> Tolerance.parse(List.of("remote_read_p99_ms=10%", "remote_read_p99_ms=20%")))
        .hasMessage("\"remote_read_p99_ms=20%\": a tolerance for remote_read_p99_ms was already given (10%)");
  }

  @Test
  void theRecord_validatesWhatItIsGiven() {
    assertThatThrownBy(() -> new Tolerance(null, Map.of("p99", 10.0)))
        .hasMessageStartingWith("tolerance for \"p99\": no such metric; metrics are throughput_ops");
    assertThatThrownBy(() -> new Tolerance(null, Map.of("violations", 10.0)))
        .hasMessage("tolerance for \"violations\": any increase of violations is a regression; it takes no tolerance");
    assertThatThrownBy(() -> new Tolerance(Double.NaN, Map.of())).hasMessage("tolerance must be a percentage >= 0, got NaN");
    assertThatThrownBy(() -> new Tolerance(10.0, Map.of("remote_read_p99_ms", -1.0)))
        .hasMessage("tolerance for remote_read_p99_ms must be a percentage >= 0, got -1.0");
  }

  @Test
  void everyMetricHasAUniqueName_andAFloorThatIsNotNegative() {
    assertThat(RunMetrics.ALL).extracting(Metric::name).doesNotHaveDuplicates();
    assertThat(RunMetrics.ALL).allSatisfy(metric -> assertThat(metric.noiseFloor()).isNotNegative());
    assertThat(RunMetrics.ALL).filteredOn(Metric::anyIncreaseRegresses).extracting(Metric::name)
        .containsExactly("violations");
  }
}
