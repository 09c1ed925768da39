package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.topologies.containers.ContainerImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracklab run --injectors 3 --engine swarm}: the injectors as Docker Swarm services of the
 * locally built tracklab image, on a one-node swarm. Skipped where Docker or the image is not here.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SwarmDistributedRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @BeforeEach
  void requireDockerAndTheImage() {
    String image = ContainerImages.builtTracklab();
    Assumptions.assumeTrue(docker("image", "inspect", image).startsWith("ok"),
        () -> "no Docker engine with " + image + " here (bin/tracklab images builds it)");
  }

  @Test
  void threeInjectorsOnAOneNodeSwarm_passTheFleetsGates_mergeIntoOneResult_andLeaveNoServiceNorContainer()
      throws Exception {
    String swarmBefore = docker("info", "--format", "{{.Swarm.LocalNodeState}}");
    String output;
    // the read-heavy baseline's workload by 3 injectors, with a fleet's gates (experiments/read-heavy-fleet.yaml)
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(),
        "run", "--engine", "swarm", "--provisioner", "local", "--no-html-report", "read-heavy-fleet")) {
      int exit = tracklab.waitFor(Duration.ofMinutes(4));
      output = tracklab.output();
      assertThat(exit).as(output).isEqualTo(ExitCodes.PASSED);
    }
    assertThat(output).contains("3 injectors on the swarm engine", "merged from 3 injectors");
    Path run;
    try (Stream<Path> runs = Files.list(directory.resolve("tracklab-results"))) {
      run = runs.filter(path -> path.getFileName().toString().startsWith("read-heavy-fleet-2")).findFirst().orElseThrow();
    }
    JsonNode merged = JSON.readTree(run.resolve("result.json").toFile());
    List<JsonNode> injectors = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      injectors.add(JSON.readTree(run.resolve("injectors/injector-" + i + "/result.json").toFile()));
    }
    for (String counter : List.of("reads", "hits", "writes", "unjudged_reads", "stale_reads")) {
      assertThat(merged.at("/counters/" + counter).asLong()).as(counter)
          .isEqualTo(injectors.stream().mapToLong(result -> result.at("/counters/" + counter).asLong()).sum());
    }
    assertThat(merged.at("/counters/reads").asLong()).isPositive();
    assertThat(merged.at("/run/injectors").toString()).contains("injector-1@", "injector-2@", "injector-3@");
    assertThat(merged.get("gates")).as("every gate judged on the merge, and passed").hasSize(5)
        .allSatisfy(gate -> assertThat(gate.get("passed").asBoolean()).as(gate.toString()).isTrue());
    assertNothingLeft(swarmBefore);
  }

  @Test
  void aKilledInjectorContainer_failsTheRun_exit3_namingIt_andLeavesNothingRunning() throws Exception {
    String swarmBefore = docker("info", "--format", "{{.Swarm.LocalNodeState}}");
    String output;
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(),
        "run", "--injectors", "3", "--engine", "swarm", "--duration", "40s", "--provisioner", "local",
        "--no-html-report", "latency-spike-primary")) {
      tracklab.awaitOutput("injected at 5s for 8s: latency", Duration.ofMinutes(2));
      String container = docker("ps", "-q", "--filter", "label=org.tracklab.injector=injector-2").substring("ok ".length());
      assertThat(container).as("injector-2's container").isNotBlank();
      assertThat(docker("kill", container.trim())).startsWith("ok");

      int exit = tracklab.waitFor(Duration.ofMinutes(3));
      output = tracklab.output();
      assertThat(exit).as(output).isEqualTo(ExitCodes.INFRASTRUCTURE);
    }
    assertThat(output).contains("INFRASTRUCTURE_FAILED", "injector-2 ended without a result: its swarm task is",
        "healed   at 5s for 8s: latency");
    assertNothingLeft(swarmBefore);
  }

  private static void assertNothingLeft(String swarmBefore) {
    assertThat(docker("ps", "-aq", "--filter", "label=org.tracklab.injector")).as("injector containers").isEqualTo("ok ");
    assertThat(docker("info", "--format", "{{.Swarm.LocalNodeState}}")).as("the swarm as it was").isEqualTo(swarmBefore);
    if (swarmBefore.equals("ok active")) {
      assertThat(docker("service", "ls", "-q", "--filter", "label=org.tracklab.injector")).isEqualTo("ok ");
    }
  }

  /** {@code docker <arguments>}: "ok <output>", or "failed <output>" (bounded: 60 s). */
  private static String docker(String... arguments) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "failed timeout";
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return (process.exitValue() == 0 ? "ok " : "failed ") + output;
    } catch (IOException e) {
      return "failed " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "failed interrupted";
    }
  }
}
