package io.tracklab.topologies.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * Nothing of tracklab's is left in the engine: after a close, after a start that fails half way,
 * and (the next start's sweep) after a process that died without closing. Skipped, saying why,
 * where containers cannot run here.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ContainerCleanupIT {
  private static DockerClient docker;

  @TempDir
  Path base;

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

  private static List<Container> mine() {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainerOwner.LABEL, ContainerOwner.self())).exec();
  }

  @Test
  void close_removesEveryContainerOfTheTopology() {
    try (Topology topology = new ContainerProvisioner(base).start(TopologyKind.SENTINEL)) {
      assertThat(mine()).hasSize(1 + 3 + 3); // Toxiproxy, primary and two replicas, three Sentinels
    }
    assertThat(mine()).isEmpty();
  }

  @Test
  void aStartThatFailsHalfWay_removesWhatItHadStarted() {
    // the Toxiproxy image as "Redis": the proxy server starts, the first node's container exits
    ContainerImages images = ContainerImages.choose(HostNetwork::imagePresent);
    ContainerImages broken = new ContainerImages(images.toxiproxy(), images.toxiproxy());
    assertThatThrownBy(() -> new ContainerProvisioner(base, broken).start(TopologyKind.STANDALONE))
        .isInstanceOf(TopologyException.class).hasMessageContaining("primary");
    assertThat(mine()).isEmpty();
  }

  @Test
  void aMissingImageOfTracklabs_failsAtOnce_namingItAndTheCommandThatBuildsIt() {
    ContainerImages missing = new ContainerImages("tracklab/redis:no-such-tag", ContainerImages.builtToxiproxy());
    long start = System.nanoTime();
    assertThatThrownBy(() -> new ContainerProvisioner(base, missing).start(TopologyKind.STANDALONE))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("tracklab/redis:no-such-tag").hasMessageContaining("bin/tracklab images");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    assertThat(mine()).isEmpty();
  }

  @Test
  void theNextStart_removesContainersWhoseOwnerDied() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String orphan = docker.createContainerCmd(ContainerImages.BUILT_REDIS)
        .withLabels(Map.of(ContainerOwner.LABEL, gone.pid() + "@0", ContainerOwner.RUN_LABEL, "killed-run"))
        .withCmd("redis-server", "--port", "0").exec().getId();
    try (Topology topology = new ContainerProvisioner(base).start(TopologyKind.STANDALONE)) {
      assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(orphan)).exec()).isEmpty();
    } finally {
      ContainerOwner.remove(docker, orphan);
    }
  }
}
