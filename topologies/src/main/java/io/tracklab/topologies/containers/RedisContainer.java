package io.tracklab.topologies.containers;

import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.node.NodeConfigFile;
import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.NodeProbe;
import io.tracklab.topologies.node.PortTakenException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;

/**
 * A node as a {@code redis} container on the host network, reading the same configuration file
 * a local process would (its topology's directory is mounted at the same path: the node's own
 * directory, and the TLS material and ACL file its configuration names beside it) and running as
 * the directory's owner. Kill is {@code docker kill} (SIGKILL), restart starts the same container
 * again, pause is {@code docker pause}.
 *
 * <p>The directory is bound in the create command rather than with {@code withFileSystemBind}:
 * the first such bind in a JVM makes Testcontainers check mount support by running {@code alpine},
 * a pull that costs minutes where no registry answers.
 */
final class RedisContainer implements NodeHandle {
  private final NodeLaunch launch;
  private final GenericContainer<?> container;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisContainer(NodeLaunch launch, GenericContainer<?> container) {
    this.launch = launch;
    this.container = container;
  }

  static RedisContainer start(NodeLaunch launch, ImageSource image, String runName) {
    String config = NodeConfigFile.write(launch).toAbsolutePath().toString();
    String directory = launch.directory().toAbsolutePath().toString();
    // the topology's directory: certificates and keys (tls/) are the node directory's siblings
    String mounted = launch.directory().toAbsolutePath().getParent().toString();
    List<String> command = new ArrayList<>(List.of("redis-server", config));
    if (launch.sentinel()) {
      command.add("--sentinel");
    }
    String owner = HostNetwork.ownerOf(launch.directory());
    GenericContainer<?> container = image.container()
        .withNetworkMode("host")
        .withLabels(ContainerOwner.labels(runName))
        .withWorkingDirectory(directory)
        .withCreateContainerCmdModifier(create -> create.withUser(owner).withHostConfig(
            (create.getHostConfig() == null ? HostConfig.newHostConfig() : create.getHostConfig())
                .withBinds(new Bind(mounted, new Volume(mounted), AccessMode.rw))))
        .withCommand(command.toArray(String[]::new))
        .waitingFor(new LoopbackReady(launch.name() + " (redis on 127.0.0.1:" + launch.port() + ")",
            () -> NodeProbe.answers(launch), launch.logFile().toString()));
    try {
      container.start();
      ContainerOwner.opened(container.getDockerClient(), container.getContainerId());
    } catch (RuntimeException e) {
      ContainerStop.stop(container);
      String log = NodeProbe.logTail(launch);
      if (PortTakenException.saidBy(log)) {
        throw new PortTakenException(launch.name(), NodeConfigFile.HOST + ":" + launch.port());
      }
      throw new TopologyException(launch.name() + ": the " + image.name() + " container did not start: "
          + e.getMessage() + "; log " + launch.logFile() + ":\n" + log, e);
    }
    return new RedisContainer(launch, container);
  }

  @Override
  public String name() {
    return launch.name();
  }

  @Override
  public int port() {
    return launch.port();
  }

  @Override
  public boolean isAlive() {
    return container.isRunning();
  }

  @Override
  public void kill() {
    container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void restart() {
    if (isAlive()) {
      throw new TopologyException(launch.name() + " is still running; kill it first");
    }
    container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!NodeProbe.answers(launch)) {
      if (System.nanoTime() > deadline) {
        throw new TopologyException(launch.name() + " did not answer PING within 15 s of its restart; log "
            + launch.logFile() + ":\n" + NodeProbe.logTail(launch));
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public void pause() {
    container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void resume() {
    container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public String logLocation() {
    return launch.logFile().toString();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ContainerStop.stop(container);
    }
  }
}
