package io.tracklab.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.result.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
  private static final RunResult BASELINE = SyntheticRun.baseline().result();
  private static final RunResult SLOWER = SyntheticRun.baseline()
      .histogram("remote_read_us", "us", 250, 23_300, 40_000)
      .fault("latency", "primary", Map.of("latency_ms", 20)).result();

  private static List<String> tableLines(String text) {
    return text.lines().dropWhile(line -> !line.startsWith("metric")).takeWhile(line -> !line.isEmpty()).toList();
  }

  @Test
  void text_namesBothRuns_warns_alignsOneRowPerMetric_andListsTheRegressions() {
    String text = ComparisonTable.text(Comparison.of(BASELINE, SLOWER, Tolerance.DEFAULT), "base.json", "new.json");

    assertThat(text).startsWith("baseline  base.json: synthetic-standalone (standalone, local, client tracklab, "
        + "11.5 s, faults: none)\ncurrent   new.json: synthetic-standalone (standalone, local, client tracklab, "
        + "11.5 s, faults: latency on primary {latency_ms=20})\ntolerance 25% (throughput_ops 40%) of the baseline's value");
    assertThat(text).contains("\nwarning: faults differ: baseline none; current latency on primary {latency_ms=20}\n");
    List<String> table = tableLines(text);
    assertThat(table).hasSize(1 + RunMetrics.ALL.size());
    assertThat(table.get(0)).matches("metric +unit +baseline +current +delta +allowed +verdict");
    int verdictColumn = table.get(0).indexOf("verdict");
    assertThat(table).allSatisfy(line -> assertThat(line.charAt(verdictColumn - 1)).as(line).isEqualTo(' '));
    assertThat(table).anySatisfy(line -> assertThat(line).matches(
        "remote_read_p99_ms +ms +3\\.300 +23\\.300 +\\+20\\.000 \\(\\+606\\.1%\\) +\\+10\\.000 \\(floor\\) +REGRESSED"));
    assertThat(table).anySatisfy(line -> assertThat(line).matches(
        "throughput_ops +ops/s +10,000 +10,000 +0 \\(0\\.0%\\) +-4,000 \\(40%\\) +same"));
    assertThat(table).anySatisfy(line -> assertThat(line).matches("violations +reads +0 +0 +0 +none +same"));
    assertThat(table).anySatisfy(line -> assertThat(line).matches("failover_max_ms +ms +- +- +- +- +not measured"));
    assertThat(text).endsWith("\nREGRESSED: 1 of 13 metrics compared got worse than the tolerance allows:\n"
        + "  remote_read_p99_ms (remote read p99): 3.300 -> 23.300 ms, +20.000 (+606.1%); allowed +10.000 (floor)\n");
  }

  @Test
  void text_withoutRegression_saysSo() {
    String text = ComparisonTable.text(Comparison.of(BASELINE, BASELINE, Tolerance.DEFAULT), "a", "b");

    assertThat(text).doesNotContain("warning").endsWith("\n\nPASSED: no regression beyond the tolerance (13 of 14 "
        + "metrics compared)\n");
  }

  @Test
  void markdown_isATableWithTheSameRows_theRegressionsInBold() {
    String markdown = ComparisonTable.markdown(Comparison.of(BASELINE, SLOWER, Tolerance.DEFAULT), "base.json",
        "new.json");

    assertThat(markdown).contains("- baseline `base.json`: synthetic-standalone",
        "- **warning:** faults differ: baseline none; current latency on primary {latency_ms=20}\n",
        "| metric | unit | baseline | current | delta | allowed | verdict |\n|---|---|---:|---:|---:|---:|---|\n",
        "| `remote_read_p99_ms` | ms | 3.300 | 23.300 | +20.000 (+606.1%) | +10.000 (floor) | **REGRESSED** |\n",
        "| `hit_ratio_pct` | % | 86.80 | 86.80 | 0.00 (0.0%) | -4.00 (floor) | same |\n",
        "**REGRESSED**: 1 of 13 metrics compared got worse than the tolerance allows:\n- `remote_read_p99_ms` "
            + "(remote read p99)");
    assertThat(markdown.lines().filter(line -> line.startsWith("| `"))).hasSize(RunMetrics.ALL.size());
  }
}
