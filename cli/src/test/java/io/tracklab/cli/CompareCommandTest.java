package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.result.ResultFiles;
import io.tracklab.reports.compare.SyntheticRun;
import io.tracklab.reports.compare.Tolerance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracklab compare} in this JVM, on results written from synthetic runs. */
class CompareCommandTest {
  @TempDir
  Path directory;

  private Path baseline;
  private Path same;
  private Path slower;

  @BeforeEach
  void writeResults() {
    baseline = directory.resolve("baseline/result.json");
    ResultFiles.write(baseline, SyntheticRun.baseline().result());
    same = directory.resolve("same/result.json");
    ResultFiles.write(same, SyntheticRun.baseline().histogram("remote_read_us", "us", 260, 3_900, 9_000).result());
    slower = directory.resolve("slower/result.json");
    ResultFiles.write(slower, SyntheticRun.baseline().counter("reads", 40_000).counter("writes", 6_000)
        .counter("hits", 30_000).histogram("remote_read_us", "us", 1_000, 52_000, 60_000)
        .histogram("invalidation_delay_us", "us", 80, 51_000, 55_000).result());
  }

  @Test
  void aRegression_exits1_andNamesTheRegressedMetrics() {
    InProcess result = InProcess.tracklab("compare", baseline.toString(), slower.toString());

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("baseline  " + baseline + ": ", "current   " + slower + ": ",
        "REGRESSED: 5 of 13 metrics compared got worse than the tolerance allows:",
        "\n  throughput_ops (throughput): ", "\n  hit_ratio_pct (hit ratio): ",
        "\n  remote_read_p50_ms (remote read p50): ", "\n  remote_read_p99_ms (remote read p99): 3.300 -> 52.000 ms",
        "\n  invalidation_delay_p99_ms (invalidation delay p99): ");
  }

  @Test
  void equalRuns_exit0_withTheDefaultTolerance() {
    InProcess result = InProcess.tracklab("compare", baseline.toString(), same.toString());

    assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.PASSED);
    assertThat(result.out()).contains("PASSED: no regression beyond the tolerance").doesNotContain("warning");
  }

  @Test
  void aRunDirectory_standsForItsResult() {
    assertThat(InProcess.tracklab("compare", baseline.getParent().toString(), same.getParent().toString()).exitCode())
        .isEqualTo(ExitCodes.PASSED);
  }

  @Test
  void aLenientTolerance_forTheRegressedMetrics_passes() {
    InProcess result = InProcess.tracklab("compare", "--tolerance", "5000%", baseline.toString(), slower.toString());

    assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.PASSED);
    assertThat(result.out()).contains("tolerance 5000% of the baseline's value");
  }

  @Test
  void aPerMetricTolerance_leavesTheOthersAtTheirDefault() {
    InProcess result = InProcess.tracklab("compare", "--tolerance", "remote_read_p99_ms=2000%,throughput_ops=90%",
        "--tolerance", "hit_ratio_pct=500%", baseline.toString(), slower.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(result.out()).contains("REGRESSED: 2 of 13", "\n  remote_read_p50_ms", "\n  invalidation_delay_p99_ms")
        .doesNotContain("\n  remote_read_p99_ms", "\n  throughput_ops");
  }

  @Test
  void markdown_printsAMarkdownTable() {
    InProcess result = InProcess.tracklab("compare", "--markdown", baseline.toString(), slower.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(result.out()).startsWith("### tracklab compare\n").contains("|---|---|---:|", "**REGRESSED**");
  }

  @Test
  void runsUnlikeEachOther_areComparedWithAWarningLine() {
    Path sentinel = directory.resolve("sentinel.json");
    ResultFiles.write(sentinel, SyntheticRun.baseline().topology("sentinel").client("none").result());

    InProcess result = InProcess.tracklab("compare", baseline.toString(), sentinel.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.PASSED);
    assertThat(result.out()).contains("\nwarning: topology differs: baseline standalone, current sentinel\n",
        "\nwarning: client differs: baseline tracklab, current none\n", "\nmetric ");
  }

  @Test
  void aMissingFile_isBadInput_namingIt() {
    Path missing = directory.resolve("nope/result.json");

    InProcess result = InProcess.tracklab("compare", baseline.toString(), missing.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).isEqualTo("tracklab compare: current " + missing + ": no such file\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void filesThatAreNotResults_areBadInput_eachNamedWithWhatIsWrong() throws IOException {
    Path yaml = Files.writeString(directory.resolve("experiment.yaml"), "schema: 1\nduration: 10s\n");
    Path other = Files.writeString(directory.resolve("other.json"), "{\"name\": \"not a result\"}");
    Path empty = Files.createDirectories(directory.resolve("empty-run"));

    InProcess result = InProcess.tracklab("compare", yaml.toString(), other.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains("tracklab compare: baseline " + yaml + ": not valid JSON: ",
        "tracklab compare: current " + other + ": schema must be 1, got null");
    assertThat(InProcess.tracklab("compare", baseline.toString(), empty.toString()).err())
        .isEqualTo("tracklab compare: current " + empty + ": a directory without a result.json\n");
  }

  @Test
  void aBadTolerance_isBadInput_namingTheValue() {
    InProcess percent = InProcess.tracklab("compare", "--tolerance", "20", baseline.toString(), same.toString());
    InProcess metric = InProcess.tracklab("compare", "--tolerance", "p99=20%", baseline.toString(), same.toString());

    assertThat(percent.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(percent.err()).startsWith("--tolerance \"20\": \"20\" is not a percentage; write a tolerance like 20%");
    assertThat(metric.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(metric.err()).startsWith("--tolerance \"p99=20%\": no metric is called \"p99\"; metrics are "
        + "throughput_ops, hit_ratio_pct");
  }

  @Test
  void oneFileOnly_isBadInput() {
    assertThat(InProcess.tracklab("compare", baseline.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void help_documentsTheToleranceAndTheExitCodes() {
    InProcess top = InProcess.tracklab("--help");
    assertThat(top.out()).contains("compare");
    InProcess help = InProcess.tracklab("compare", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: tracklab compare").contains("--tolerance", "--markdown", "Exit codes:",
        "e.g. --tolerance 10% --tolerance", "remote_read_p99_ms=50%)");
    assertThat(help.out().replaceAll("\\s+", " ")).as("the defaults it states are the defaults")
        .contains("(default: " + Tolerance.DEFAULT.describe() + ";");
  }
}
