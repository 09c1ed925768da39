package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staleness between application instances, against a planted truth (docs/distributed.md): two
 * local injectors on one standalone Redis, and only injector-2's own link to the primary slowed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StalenessAcrossInjectorsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  /**
   * The shipped experiment: 200 ms downstream on injector-2's link from 5 s to 15 s. Its near-cache
   * hears of injector-1's writes 200 ms late, so its reads of injector-1's keys are stale up to
   * about 200 ms; injector-1 hears of injector-2's writes at once.
   */
  @Test
  void aSlowLinkOfOneInjector_makesItsReadsOfTheOthersKeysStale_byTheLatency_andNoOneElses() throws Exception {
    String output = run(Duration.ofMinutes(3), "run", "--provisioner", "local", "slow-injector-link");
    assertThat(output).contains("injector-2 -> primary: its own proxy \"primary-via-injector-2\"");
    Path run = onlyRunOf("slow-injector-link");
    JsonNode merged = JSON.readTree(run.resolve("result.json").toFile());
    JsonNode slow = JSON.readTree(run.resolve("injectors/injector-2/result.json").toFile());
    JsonNode fast = JSON.readTree(run.resolve("injectors/injector-1/result.json").toFile());
    for (String injector : List.of("injector-1", "injector-2")) {
      assertThat(merged.at("/run/clocks/" + injector + "/uncertaintyMicros").asLong()).as(injector + "'s clock")
          .isBetween(1L, 1_000L);
    }
    long uncertainty = merged.at("/run/clocks/injector-1/uncertaintyMicros").asLong()
        + merged.at("/run/clocks/injector-2/uncertaintyMicros").asLong();
    JsonNode slowAcross = slow.at("/histograms/staleness_across_injectors_us");
    JsonNode fastAcross = fast.at("/histograms/staleness_across_injectors_us");
    assertThat(slow.at("/counters/reads_judged_across_injectors").asLong()).isPositive();
    assertThat(slowAcross.get("count").asLong()).as("injector-2's stale reads of injector-1's keys").isPositive();
    assertThat(slowAcross.get("max").asDouble()).as("up to the 200 ms planted, within " + uncertainty + " µs")
        .isBetween(100_000.0, 300_000.0);
    assertThat(fastAcross.get("max").asDouble()).as("injector-1's link is not slowed: its reads of injector-2's "
        + "keys are stale for milliseconds at most").isLessThan(50_000.0);
    assertThat(merged.at("/counters/violations").asLong()).as("200 ms is within the bound").isZero();
    JsonNode fault = merged.at("/run/faults/0");
    assertThat(fault.get("kind").asText()).isEqualTo("latency");
    assertThat(fault.at("/parameters/via").asText()).isEqualTo("injector-2");
    assertThat(fault.get("healedAtMillis").isNull()).as(fault.toString()).isFalse();
  }

  /** No toxic: a million reads judged by two injectors, of their own keys and of each other's, none beyond the bound. */
  @Test
  void withoutAToxic_aMillionReadsAcrossTwoInjectors_noneBeyondTheBound() throws Exception {
    Path experiment = directory.resolve("two-instances-full-speed.yaml");
    Files.writeString(experiment, """
        schema: 1
        name: two-instances-full-speed
        description: two application instances at full speed, no fault
        topology: standalone
        client: tracklab
        duration: 45s
        injectors: 2
        workload:
          users: 8
          rate: 0
          keys: 10000
          readRatio: 0.95
        gates:
          failedPercent: 0
        """);
    run(Duration.ofMinutes(4), "run", "--provisioner", "local", experiment.toString());
    JsonNode merged = JSON.readTree(onlyRunOf("two-instances-full-speed").resolve("result.json").toFile());
    long reads = merged.at("/counters/reads").asLong();
    assertThat(reads).as("reads in 45 s at full speed (0.97 million in 30 s on 2 cores, JIT warm-up included)")
        .isGreaterThanOrEqualTo(1_000_000L);
    assertThat(merged.at("/counters/reads_judged_across_injectors").asLong()).as("judged against the other's writes")
        .isGreaterThan(reads / 4);
    assertThat(merged.at("/counters/unjudged_reads").asLong()).isLessThan(reads / 100);
    assertThat(merged.at("/counters/violations").asLong()).isZero();
    assertThat(merged.at("/counters/writes_out_of_order").asLong()).isZero();
  }

  /** Runs tracklab; its gates pass (exit 0); returns what it printed. */
  private String run(Duration timeout, String... args) throws Exception {
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), args)) {
      int exit = tracklab.waitFor(timeout);
      String output = tracklab.output();
      assertThat(exit).as(output).isEqualTo(ExitCodes.PASSED);
      return output;
    }
  }

  private Path onlyRunOf(String name) throws IOException {
    try (Stream<Path> runs = Files.list(directory.resolve("tracklab-results"))) {
      List<Path> found = runs.filter(run -> run.getFileName().toString().startsWith(name + "-2")).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }
}
