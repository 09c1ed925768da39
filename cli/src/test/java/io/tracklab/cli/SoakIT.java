package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracklab soak} in its own JVM: random proxy faults every few seconds, the harness's own
 * resources sampled, a growth verdict per resource. Short in CI ({@code -Dsoak.duration}, default
 * 75 s sampled every 5 s); the 10-minute soak is {@code bin/tracklab soak} (docs/soak.md).
 */
class SoakIT {
  private static final String DURATION = System.getProperty("soak.duration", "75s");
  private static final String SAMPLE_EVERY = System.getProperty("soak.sampleEvery", "5s");

  @TempDir
  Path directory;

  @Test
  void aSoak_samplesTheHarnessThroughRandomFaults_andFindsNothingGrowing() throws Exception {
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "soak", "--duration", DURATION,
        "--sample-every", SAMPLE_EVERY, "--seed", "7", "--progress", "plain")) {
      int exit = tracklab.waitFor(Duration.ofMinutes(30));
      String output = tracklab.output();
      System.out.println(output.lines().filter(line -> line.startsWith("[soak") || line.startsWith("FLAT")
          || line.startsWith("GREW")).reduce("", (all, line) -> all + line + "\n"));
      assertThat(exit).as(output).isEqualTo(ExitCodes.PASSED);
      assertThat(Pattern.compile("(?m)^\\[soak +[\\d.]+ min\\] heap after GC +[\\d.]+ MiB  threads +\\d+  fds +\\d+  "
          + "sockets +\\d+(  \\(no run\\))?$").matcher(output).results().count()).isGreaterThanOrEqualTo(5);
      assertThat(output).contains("tracklab chaos:", "=== soak: growth over the run");
    }
    Path soak;
    try (Stream<Path> files = Files.walk(directory.resolve("tracklab-results"))) {
      soak = files.filter(file -> file.getFileName().toString().equals("soak.json")).findFirst().orElseThrow();
    }
    JsonNode report = new ObjectMapper().readTree(soak.toFile());
    assertThat(report.get("seed").asLong()).isEqualTo(7);
    assertThat(report.get("samples").size()).isGreaterThanOrEqualTo(5);
    assertThat(report.get("verdicts").size()).isEqualTo(4);
    report.get("verdicts").forEach(verdict -> assertThat(verdict.get("passed").asBoolean()).as(verdict.toString()).isTrue());
    JsonNode result = new ObjectMapper().readTree(soak.resolveSibling("result.json").toFile());
    assertThat(result.at("/run/faults").size()).as("faults injected").isGreaterThanOrEqualTo(10);
    assertThat(result.at("/counters/violations").asLong()).as("stale reads beyond the bound").isZero();
  }
}
