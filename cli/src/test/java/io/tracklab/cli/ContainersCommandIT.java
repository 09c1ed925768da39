package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.topologies.containers.ContainerProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * A chaos experiment through the jar on {@code --provisioner containers}, and what a
 * {@code kill -9} of such a run leaves: its containers, which the next run removes. Skipped,
 * saying why, where containers cannot run or their images are not here.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ContainersCommandIT {
  private static final String OWNER_LABEL = "org.tracklab.owner";

  @TempDir
  Path directory;

  private static DockerClient docker;

  private static String unusable;

  @BeforeAll
  static void checkContainers() {
    unusable = ContainerProvisioner.unusableWithoutPullingBecause();
    if (unusable.isEmpty()) {
      docker = DockerClientFactory.instance().client();
    }
  }

  /** Per test, so each is reported skipped with the reason (a class-level assumption hides them). */
  @BeforeEach
  void requireContainers() {
    Assumptions.assumeTrue(unusable.isEmpty(), () -> "containers cannot run here: " + unusable);
  }

  private static List<Container> ownedBy(long pid) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(OWNER_LABEL)).exec().stream()
        .filter(container -> container.getLabels().get(OWNER_LABEL).startsWith(pid + "@")).toList();
  }

  private static RunResult onlyResult(Path results) throws Exception {
    try (Stream<Path> files = Files.walk(results)) {
      List<Path> found = files.filter(path -> path.getFileName().toString().equals("result.json")).toList();
      assertThat(found).hasSize(1);
      return ResultFiles.read(found.get(0));
    }
  }

  @Test
  void silentPartition_onContainers_passesItsGates_andLeavesNothing() throws Exception {
    Path experiment = Path.of("../experiments/silent-partition.yaml").toAbsolutePath().normalize();
    Path results = directory.resolve("results");
    long pid;
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "run", experiment.toString(),
        "--provisioner", "containers", "--results", results.toString())) {
      pid = tracklab.handle().pid();
      int exit = tracklab.waitFor(Duration.ofMinutes(2));
      assertThat(exit).as(tracklab.output()).isEqualTo(ExitCodes.PASSED);
    }
    assertThat(onlyResult(results).run().provisioner()).isEqualTo("containers");
    assertThat(ownedBy(pid)).isEmpty();
  }

  @Test
  void aRunKilledWithSigkill_leavesContainers_thatTheNextRunRemoves() throws Exception {
    Path experiment = Path.of("../experiments/read-heavy-baseline.yaml").toAbsolutePath().normalize();
    long killed;
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "run", experiment.toString(),
        "--provisioner", "containers", "--results", directory.resolve("killed").toString())) {
      tracklab.awaitOutput("topology ready", Duration.ofMinutes(1));
      killed = tracklab.handle().pid();
      assertThat(ownedBy(killed)).isNotEmpty();
      tracklab.signal("KILL");
      assertThat(tracklab.waitFor(Duration.ofSeconds(20))).isEqualTo(128 + 9);
    }
    assertThat(ownedBy(killed)).as("no hook runs on SIGKILL").isNotEmpty();

    try (TracklabProcess next = TracklabProcess.start(directory, List.of(), "run", experiment.toString(),
        "--provisioner", "containers", "--duration", "5s", "--results", directory.resolve("next").toString())) {
      int exit = next.waitFor(Duration.ofMinutes(2));
      // a 5 s run may miss its hit-ratio gate while the cache warms: what matters here is that it ran
      assertThat(exit).as(next.output()).isIn(ExitCodes.PASSED, ExitCodes.GATE_FAILED);
      assertThat(next.output()).contains("removed", "left by a tracklab process that is gone");
    }
    assertThat(ownedBy(killed)).isEmpty();
  }
}
