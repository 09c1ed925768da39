package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code java -jar tracklab.jar} in its own JVM against real local Redis processes. */
class TracklabCommandIT {
  private static final Path EXPERIMENTS = Path.of(System.getProperty("tracklab.experiments", "../experiments"))
      .toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @Test
  void theBaselines_runToCompletion_withProgressEverySecond_aResultAndAGatlingReport() throws Exception {
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(),
        "run", "--duration", "10s", "read-heavy-baseline", "write-heavy-baseline")) {
      int exit = tracklab.waitFor(Duration.ofMinutes(3));
      String output = tracklab.output();
      assertThat(exit).as(output).isEqualTo(ExitCodes.PASSED);
      assertThat(output).contains("PASSED                read-heavy-baseline", "PASSED                write-heavy-baseline");
      // not a terminal: plain progress lines, one a second, with every figure the issue names
      Matcher progress = Pattern.compile("(?m)^\\[\\s*\\d+s/10s\\]\\s+[\\d,]+ ops/s  hits\\s+[\\d.]+%  stale \\d+ "
          + "\\(\\d+ beyond bound\\)  failed \\d+  faults: none$").matcher(output);
      assertThat(progress.results().count()).as(output).isGreaterThanOrEqualTo(2 * 8);
    }
    for (String name : List.of("read-heavy-baseline", "write-heavy-baseline")) {
      Path run = onlyRunOf(name);
      JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
      assertThat(result.at("/run/interrupted").asBoolean()).isFalse();
      assertThat(result.at("/run/durationMillis").asLong()).isBetween(9_000L, 15_000L);
      assertThat(result.at("/counters/reads").asLong()).isPositive();
      result.get("gates").forEach(gate -> assertThat(gate.get("passed").asBoolean()).as(gate.toString()).isTrue());
      try (Stream<Path> files = Files.walk(run.resolve("gatling"))) {
        assertThat(files.filter(file -> file.getFileName().toString().equals("index.html"))).hasSize(1);
      }
    }
  }

  /** Every shipped chaos experiment but connection-resets, which CI runs as documented (secured, exit 0 required). */
  @ParameterizedTest
  @ValueSource(strings = {"latency-spike-primary", "silent-partition", "bandwidth-starvation",
      "sentinel-failover-kill", "sentinel-planned-failover", "cluster-primary-kill", "cluster-slot-migration"})
  void eachShippedChaosExperiment_passesItsGates(String name) throws Exception {
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(),
        "run", "--no-html-report", EXPERIMENTS.resolve(name + ".yaml").toString())) {
      int exit = tracklab.waitFor(Duration.ofMinutes(3));
      assertThat(exit).as(tracklab.output()).isEqualTo(ExitCodes.PASSED);
      // where each fault lands, resolved against the running topology, before the load starts
      String output = tracklab.output();
      assertThat(output).contains("tracklab: fault targets, resolved before the load:");
      assertThat(output.indexOf("fault targets, resolved")).isLessThan(output.indexOf("started..."));
      assertThat(output).containsPattern("(?m)^  at .*  ->  .*(proxy \"[^\"]+\" at 127\\.0\\.0\\.1:\\d+"
          + "|the node itself at 127\\.0\\.0\\.1:\\d+|the (sentinel|cluster) topology as a whole)");
    }
    JsonNode result = JSON.readTree(onlyRunOf(name).resolve("result.json").toFile());
    assertThat(result.at("/run/faults").size()).as("every fault injected").isPositive();
  }

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringARun_healsTheFaults_writesAnInterruptedResult_andStopsEveryProcess(String signal, int code)
      throws Exception {
    List<ProcessHandle> servers;
    String output;
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(),
        "run", "--duration", "60s", "latency-spike-primary")) {
      tracklab.awaitOutput("injected at 5s for 8s: latency", Duration.ofSeconds(60));
      assertThat(tracklab.ignores(signal.equals("INT") ? 2 : 15)).as("SIG" + signal + " ignored by the JVM "
          + "(inherited; `env --default-signal` resets it)").isFalse();
      servers = tracklab.handle().descendants().filter(TracklabCommandIT::isRedisServer).toList();
      assertThat(servers).as("the run's redis-server").isNotEmpty();

      tracklab.signal(signal);
      int exit = tracklab.waitFor(Duration.ofSeconds(60));
      output = tracklab.output();
      assertThat(exit).as(output).isEqualTo(code);
    }
    assertThat(output).contains("SIG" + signal + ": stopping the run", "healed   at 5s for 8s: latency",
        "INTERRUPTED");
    assertThat(servers).as("no redis-server left").noneMatch(TracklabCommandIT::running);
    JsonNode result = JSON.readTree(onlyRunOf("latency-spike-primary").resolve("result.json").toFile());
    assertThat(result.at("/run/interrupted").asBoolean()).isTrue();
    assertThat(result.at("/run/durationMillis").asLong()).as("cut short").isLessThan(30_000);
    JsonNode faults = result.at("/run/faults");
    assertThat(faults.size()).isEqualTo(1);
    assertThat(faults.get(0).get("healedAtMillis").isNumber()).as("healed: " + faults).isTrue();
  }

  @Test
  void aTopologyThatCannotStart_isAnInfrastructureFailure_exit3_namingTheCause() throws Exception {
    Path missing = directory.resolve("no-such-redis-server");
    try (TracklabProcess tracklab = TracklabProcess.start(directory,
        List.of("-Dtracklab.redis.executable=" + missing), "run", "--duration", "5s", "read-heavy-baseline")) {
      int exit = tracklab.waitFor(Duration.ofMinutes(2));
      String output = tracklab.output();
      assertThat(exit).as(output).isEqualTo(ExitCodes.INFRASTRUCTURE);
      assertThat(output).contains("INFRASTRUCTURE_FAILED read-heavy-baseline", missing.toString())
          .doesNotContain("\tat io.tracklab");
    }
  }

  @Test
  void theLauncherScript_runsTheJar() throws Exception {
    Path launcher = EXPERIMENTS.getParent().resolve("bin/tracklab");
    Process process = new ProcessBuilder(launcher.toString(), "list").redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("NAME", "read-heavy-baseline", "cluster-slot-migration");
  }

  /** The single run directory of experiment {@code name} under the default results folder. */
  private Path onlyRunOf(String name) throws IOException {
    try (Stream<Path> runs = Files.list(directory.resolve("tracklab-results"))) {
      List<Path> found = runs.filter(run -> run.getFileName().toString().startsWith(name + "-2")).toList();
      assertThat(found).as("runs of " + name).hasSize(1);
      return found.get(0);
    }
  }

  /** By its command line: Debian's redis-server is a link to redis-check-rdb, which is what the executable reads. */
  private static boolean isRedisServer(ProcessHandle process) {
    return TracklabProcess.commandLine(process).contains("redis-server");
  }

  private static boolean running(ProcessHandle process) {
    return TracklabProcess.running(process);
  }
}
