package io.tracklab.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.harness.result.RunResult;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final RunResult BASELINE = SyntheticRun.baseline().result();

  private static Comparison compare(RunResult current) {
    return Comparison.of(BASELINE, current, Tolerance.DEFAULT);
  }

  private static MetricComparison row(Comparison comparison, String metric) {
    return comparison.metrics().stream().filter(row -> row.metric().name().equals(metric)).findFirst().orElseThrow();
  }

  private static Verdict verdict(Comparison comparison, String metric) {
    return row(comparison, metric).verdict();
  }

  private static List<String> regressed(Comparison comparison) {
    return comparison.regressions().stream().map(row -> row.metric().name()).toList();
  }

  @Test
  void aRunComparedWithItself_isTheSameOnEveryMeasuredMetric_andPasses() {
    Comparison comparison = compare(BASELINE);

    assertThat(comparison.regressed()).isFalse();
    assertThat(comparison.warnings()).isEmpty();
    assertThat(comparison.metrics()).extracting(MetricComparison::metric).containsExactlyElementsOf(RunMetrics.ALL);
    assertThat(comparison.metrics()).filteredOn(row -> !row.metric().name().equals("failover_max_ms"))
        .allSatisfy(row -> assertThat(row.verdict()).as(row.metric().name()).isEqualTo(Verdict.SAME));
  }

  @Test
  void aLatencyToxic_regressesRemoteReadsThroughputStalenessAndInvalidation() {
    // the figures of a real run with 20 ms on the primary for 6 s of 10 (rounded)
    RunResult toxic = SyntheticRun.baseline().durationMillis(11_800).counter("reads", 55_000).counter("writes", 9_000)
        .counter("hits", 44_700).counter("stale_reads", 206)
        .histogram("remote_read_us", "us", 650, 22_900, 41_000)
        .histogram("staleness_age_us", "us", 5_000, 20_900, 20_950)
        .histogram("invalidation_delay_us", "us", 81, 21_650, 25_000).result();

    Comparison comparison = compare(toxic);

    assertThat(regressed(comparison)).containsExactly("throughput_ops", "hit_ratio_pct", "remote_read_p99_ms",
        "staleness_age_p99_ms", "staleness_age_max_ms", "invalidation_delay_p99_ms");
    assertThat(verdict(comparison, "violations")).isEqualTo(Verdict.SAME);
    assertThat(verdict(comparison, "remote_read_p50_ms")).as("0.25 -> 0.65 ms: within the floor")
        .isEqualTo(Verdict.SAME);
    assertThat(verdict(comparison, "stale_reads_per_1000")).as("0.77 -> 3.75: within the floor")
        .isEqualTo(Verdict.SAME);
  }

  @Test
  void aChangeWithinTheNoiseFloor_isTheSame_howeverLargeRelatively() {
    RunResult baseline = SyntheticRun.baseline().histogram("remote_read_us", "us", 100, 300, 900).result();
    RunResult current = SyntheticRun.baseline().histogram("remote_read_us", "us", 100, 500, 900).result();

    MetricComparison p99 = row(Comparison.of(baseline, current, Tolerance.DEFAULT), "remote_read_p99_ms");

    assertThat(p99.deltaPercent().getAsDouble()).isCloseTo(66.7, org.assertj.core.data.Offset.offset(0.1));
    assertThat(p99.verdict()).as("0.3 ms -> 0.5 ms").isEqualTo(Verdict.SAME);
  }

  @Test
  void beyondTheFloor_aWorseningWithinTheToleranceIsWorse_pastItRegressed_andAnImprovementIsBetter() {
    Metric p99 = RunMetrics.named("remote_read_p99_ms").orElseThrow();
    double floor = p99.noiseFloor();
    double baseline = 100 * floor; // large enough for the tolerance, not the floor, to decide
    double tolerance = Tolerance.DEFAULT_PERCENT / 100 * baseline;

    assertThat(MetricComparison.judge(p99, OptionalDouble.of(baseline), OptionalDouble.of(baseline + tolerance * 0.9),
        Tolerance.DEFAULT_PERCENT)).isEqualTo(Verdict.WORSE_WITHIN_TOLERANCE);
    assertThat(MetricComparison.judge(p99, OptionalDouble.of(baseline), OptionalDouble.of(baseline + tolerance * 1.1),
        Tolerance.DEFAULT_PERCENT)).isEqualTo(Verdict.REGRESSED);
    assertThat(MetricComparison.judge(p99, OptionalDouble.of(baseline), OptionalDouble.of(baseline - 2 * floor),
        Tolerance.DEFAULT_PERCENT)).isEqualTo(Verdict.BETTER);
    assertThat(MetricComparison.judge(p99, OptionalDouble.of(baseline), OptionalDouble.of(baseline + floor),
        0)).as("at the floor with no tolerance").isEqualTo(Verdict.SAME);
    assertThat(MetricComparison.judge(p99, OptionalDouble.of(baseline), OptionalDouble.of(baseline + floor * 1.01),
        0)).as("past the floor with no tolerance").isEqualTo(Verdict.REGRESSED);
  }

  @Test
  void throughput_isBetterHigher_regressedWhenItDropsBeyondTheTolerance() {
    // baseline: 115,000 operations in 11.5 s = 10,000 ops/s
    RunResult dropped = SyntheticRun.baseline().counter("reads", 50_000).counter("writes", 7_500).result();
    RunResult lessSo = SyntheticRun.baseline().counter("reads", 70_000).counter("writes", 10_000).result();
    RunResult risen = SyntheticRun.baseline().counter("reads", 130_000).result();

    assertThat(row(compare(dropped), "throughput_ops").current().getAsDouble()).isCloseTo(57_500 / 11.5,
        org.assertj.core.data.Offset.offset(0.01));
    assertThat(verdict(compare(dropped), "throughput_ops")).as("-50%").isEqualTo(Verdict.REGRESSED);
    assertThat(verdict(compare(lessSo), "throughput_ops")).as("-30%: throughput's own default tolerance, 40%")
        .isEqualTo(Verdict.WORSE_WITHIN_TOLERANCE);
    assertThat(verdict(compare(risen), "throughput_ops")).isEqualTo(Verdict.BETTER);
  }

  @Test
  void anyIncreaseOfViolations_regresses_whateverTheTolerance_andFewerAreBetter() {
    RunResult one = SyntheticRun.baseline().counter("violations", 1).result();
    Tolerance lenient = Tolerance.parse(List.of("1000%"));

    RunResult ten = SyntheticRun.baseline().counter("violations", 10).result();
    RunResult eleven = SyntheticRun.baseline().counter("violations", 11).result();

    assertThat(verdict(Comparison.of(BASELINE, one, lenient), "violations")).isEqualTo(Verdict.REGRESSED);
    assertThat(verdict(Comparison.of(ten, eleven, lenient), "violations")).as("10 -> 11").isEqualTo(Verdict.REGRESSED);
    assertThat(Comparison.of(BASELINE, one, lenient).regressed()).isTrue();
    assertThat(verdict(Comparison.of(one, BASELINE, lenient), "violations")).isEqualTo(Verdict.BETTER);
    assertThat(row(Comparison.of(BASELINE, one, lenient), "violations").allowedWorsening().getAsDouble()).isZero();
  }

  @Test
  void hitRatio_toleranceIsAShareOfTheMisses_notOfTheHits() {
    // baseline 60% hits, 40% misses; the default tolerance (25%) lets misses grow to 50%
    // (as a share of the hits it would have let them fall to 45%)
    RunResult baseline = SyntheticRun.baseline().counter("hits", 60_000).result();
    RunResult justWithin = SyntheticRun.baseline().counter("hits", 50_300).result();
    RunResult justBeyond = SyntheticRun.baseline().counter("hits", 49_700).result();

    assertThat(verdict(Comparison.of(baseline, justWithin, Tolerance.DEFAULT), "hit_ratio_pct"))
        .isEqualTo(Verdict.WORSE_WITHIN_TOLERANCE);
    assertThat(verdict(Comparison.of(baseline, justBeyond, Tolerance.DEFAULT), "hit_ratio_pct"))
        .isEqualTo(Verdict.REGRESSED);
  }

  @Test
  void failedOperations_countAsTheGateCountsThem_andAnyBeyondTheFloorRegressFromNone() {
    RunResult failing = SyntheticRun.baseline().counter("failed_writes", 2_000).counter("failed_reads", 2_000).result();
    RunResult failingLess = SyntheticRun.baseline().counter("failed_reads", 1_000).result();

    MetricComparison failed = row(compare(failing), "failed_ops_pct");

    assertThat(failed.current().getAsDouble()).isCloseTo(100.0 * 4000 / 119_000, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(failed.verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(verdict(compare(failingLess), "failed_ops_pct")).as("0.86%: within the floor").isEqualTo(Verdict.SAME);
    assertThat(failed.deltaPercent()).as("no percentage of 0").isEmpty();
  }

  @Test
  void aPerMetricTolerance_overridesTheDefaultForThatMetricOnly() {
    RunResult slower = SyntheticRun.baseline().histogram("remote_read_us", "us", 250, 33_000, 40_000)
        .histogram("staleness_age_us", "us", 70, 44_000, 44_000).result();
    Tolerance tolerance = Tolerance.parse(List.of("remote_read_p99_ms=1000%"));

    Comparison comparison = Comparison.of(BASELINE, slower, tolerance);

    assertThat(verdict(comparison, "remote_read_p99_ms")).isEqualTo(Verdict.WORSE_WITHIN_TOLERANCE);
    assertThat(verdict(comparison, "staleness_age_p99_ms")).isEqualTo(Verdict.REGRESSED);
  }

  @Test
  void aMetricMeasuredInOneRunOnly_isNotCompared_andIsNoRegression() {
    RunResult failover = SyntheticRun.baseline().fault("kill", "primary", Map.of("failoverMillis", 2_400)).result();

    Comparison comparison = compare(failover);

    assertThat(row(comparison, "failover_max_ms").verdict()).isEqualTo(Verdict.NOT_COMPARED);
    assertThat(row(comparison, "failover_max_ms").verdictText()).isEqualTo("not in baseline");
    assertThat(row(Comparison.of(failover, BASELINE, Tolerance.DEFAULT), "failover_max_ms").verdictText())
        .isEqualTo("not in current");
    assertThat(comparison.regressed()).isFalse();
  }

  @Test
  void longestFailover_isTheLargestFailoverMillis_notCountingFailoversNeverSeen() {
    RunResult twoFailovers = SyntheticRun.baseline()
        .fault("kill", "primary", Map.of("failoverMillis", 2_400, "detectionMillis", 1_100))
        .fault("sentinel-failover", "primary", Map.of("failoverMillis", 3_100))
        .fault("kill", "primary", Map.of("failoverMillis", -1)).result();
    RunResult slower = SyntheticRun.baseline().fault("kill", "primary", Map.of("failoverMillis", 6_000)).result();

    assertThat(RunMetrics.longestFailoverMillis(twoFailovers)).hasValue(3_100);
    assertThat(verdict(Comparison.of(twoFailovers, slower, Tolerance.DEFAULT), "failover_max_ms"))
        .isEqualTo(Verdict.REGRESSED);
  }

  @Test
  void lostWrites_areTheLostVersions_andAbsentWhenNotAudited() {
    RunResult lost = SyntheticRun.baseline().counter("lost_versions", 800).counter("lost_keys", 400).result();
    RunResult notAudited = SyntheticRun.baseline().withoutCounter("lost_versions").withoutCounter("lost_keys").result();

    assertThat(row(compare(lost), "lost_writes").current()).hasValue(800);
    assertThat(verdict(compare(lost), "lost_writes")).isEqualTo(Verdict.REGRESSED);
    assertThat(verdict(compare(notAudited), "lost_writes")).isEqualTo(Verdict.NOT_COMPARED);
  }

  @Test
  void histograms_areReadInTheUnitTheyDeclare() {
    RunResult micros = SyntheticRun.baseline().withoutHistogram("local_read_ns")
        .histogram("local_read_us", "us", 0.9, 4.8, 700).withoutHistogram("remote_read_us")
        .histogram("remote_read_ms", "ms", 0.25, 3.3, 9.5).result();

    Comparison comparison = compare(micros);

    assertThat(row(comparison, "local_read_p99_us").current().getAsDouble()).isCloseTo(4.8,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(row(comparison, "remote_read_p99_ms").current().getAsDouble()).isCloseTo(3.3,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(comparison.regressed()).isFalse();
    RunResult seconds = SyntheticRun.baseline().histogram("remote_read_us", "fortnights", 1, 2, 3).result();
    assertThatThrownBy(() -> RunMetrics.of(seconds)).hasMessageContaining("\"fortnights\"");
  }

  @Test
  void noStaleReads_isAStalenessAgeOf0_butNoInvalidationsIsNotMeasured() {
    RunResult quiet = SyntheticRun.baseline().counter("stale_reads", 0).emptyHistogram("staleness_age_us", "us")
        .emptyHistogram("invalidation_delay_us", "us").result();

    Comparison comparison = compare(quiet);

    assertThat(row(comparison, "staleness_age_max_ms").current()).hasValue(0);
    assertThat(row(comparison, "staleness_age_max_ms").verdict()).as("4.4 ms -> 0").isEqualTo(Verdict.SAME);
    assertThat(row(comparison, "invalidation_delay_p99_ms").current()).isEmpty();
  }

  @Test
  void runsUnlikeEachOther_areComparedWithAWarningForEachDifference() {
    RunResult other = SyntheticRun.baseline().topology("sentinel").client("ttl").security("acl+tls")
        .workload("readRatio", 0.9)
        .workload("targetRate", 10000).durationMillis(31_500).interrupted()
        .fault("latency", "primary", Map.of("latency_ms", 20, "direction", "downstream")).result();

    Comparison comparison = compare(other);

    assertThat(comparison.warnings()).containsExactly(
        "topology differs: baseline standalone, current sentinel",
        "client differs: baseline tracklab, current ttl",
        "security differs: baseline none, current acl+tls",
        "workload differs: readRatio 0.95 -> 0.9",
        "faults differ: baseline none; current latency on primary {direction=downstream, latency_ms=20}",
        "durations differ: baseline 11.5 s, current 31.5 s (maxima and totals grow with a run's length)",
        "the current run was interrupted (stopped before its end)");
    assertThat(comparison.metrics()).hasSize(RunMetrics.ALL.size());
  }

  @Test
  void theSameFaultsMeasuredDifferently_andASlightlyDifferentDuration_areNoDifference() {
    RunResult baseline = SyntheticRun.baseline().fault("kill", "primary", Map.of("failoverMillis", 2_400)).result();
    RunResult current = SyntheticRun.baseline().durationMillis(12_200)
        .fault("kill", "primary", Map.of("failoverMillis", 2_600)).result();

    assertThat(Comparison.of(baseline, current, Tolerance.DEFAULT).warnings()).isEmpty();
  }
}
