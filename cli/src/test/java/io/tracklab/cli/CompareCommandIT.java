package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracklab compare} on real runs through the jar: the read-heavy baseline (10 s) twice, and
 * once with 50 ms of latency on the primary for 8 s of the 10, against local Redis processes. The
 * fault covers most of the run so that throughput drops well past its 40% tolerance (6 s of 20 ms
 * dropped it by 33-57% against baseline runs in measurements: too close to call).
 */
class CompareCommandIT {
  private static final String WORKLOAD = """
      schema: 1
      topology: standalone
      client: tracklab
      duration: 10s
      workload:
        users: 8
        rate: 10000
        keys: 10000
        distribution: zipf:0.99
        readRatio: 0.95
        valueSize: 64
      gates:
        failedPercent: 0
        remoteP99: 500ms
        invalidationP99: 500ms
        hitRatio: 0.5
      """;

  @TempDir
  static Path directory;

  private static Path firstBaseline;
  private static Path secondBaseline;
  private static Path withLatency;

  @BeforeAll
  static void runTheBaselineTwice_andOnceWithLatency() throws Exception {
    Path baseline = Files.writeString(directory.resolve("baseline.yaml"), "name: compare-baseline\n" + WORKLOAD);
    Path latency = Files.writeString(directory.resolve("latency.yaml"), "name: compare-latency\n" + WORKLOAD
        + "faults:\n  - at 1s for 8s: latency 50ms on primary\n");
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "run", "--no-html-report",
        "--progress", "plain", baseline.toString(), baseline.toString(), latency.toString())) {
      int exit = tracklab.waitFor(Duration.ofMinutes(3));
      assertThat(exit).as(tracklab.output()).isEqualTo(ExitCodes.PASSED);
    }
    List<Path> baselines = runsOf("compare-baseline");
    assertThat(baselines).hasSize(2);
    firstBaseline = baselines.get(0).resolve("result.json");
    secondBaseline = baselines.get(1).resolve("result.json");
    withLatency = runsOf("compare-latency").get(0).resolve("result.json");
  }

  @Test
  void aLatencyToxic_isARegression_exit1_namingRemoteReadsInvalidationAndThroughput() throws Exception {
    String output = compare(ExitCodes.GATE_FAILED, firstBaseline, withLatency);

    assertThat(output).contains("warning: faults differ: baseline none; current latency on primary",
        "REGRESSED: ", "\n  remote_read_p99_ms (remote read p99): ",
        "\n  invalidation_delay_p99_ms (invalidation delay p99): ", "\n  throughput_ops (throughput): ");
  }

  @Test
  void twoRunsOfTheBaseline_passWithTheDefaultTolerance() throws Exception {
    String output = compare(ExitCodes.PASSED, firstBaseline, secondBaseline);

    assertThat(output).contains("PASSED: no regression beyond the tolerance").doesNotContain("warning:");
  }

  /** {@code tracklab compare baseline current} in its own JVM; its output, once its exit code is checked. */
  private static String compare(int expectedExit, Path baseline, Path current) throws Exception {
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "compare", baseline.toString(),
        current.toString())) {
      int exit = tracklab.waitFor(Duration.ofMinutes(1));
      String output = tracklab.output();
      System.out.println("$ tracklab compare " + baseline + " " + current + "\n" + output + "exit " + exit);
      assertThat(exit).as(output).isEqualTo(expectedExit);
      return output;
    }
  }

  /** The run directories of experiment {@code name}, oldest first. */
  private static List<Path> runsOf(String name) throws IOException {
    try (Stream<Path> runs = Files.list(directory.resolve("tracklab-results"))) {
      return runs.filter(run -> run.getFileName().toString().startsWith(name + "-2")).sorted().toList();
    }
  }
}
