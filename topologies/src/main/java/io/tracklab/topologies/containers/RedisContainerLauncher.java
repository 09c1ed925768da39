package io.tracklab.topologies.containers;

import io.tracklab.topologies.local.LocalPorts;
import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.NodeLauncher;
import org.testcontainers.utility.DockerImageName;

/** Nodes as {@code redis} containers on the host network ({@link RedisContainer}). */
final class RedisContainerLauncher implements NodeLauncher {
  private final DockerImageName image;

  RedisContainerLauncher(DockerImageName image) {
    this.image = image;
  }

  @Override
  public NodeHandle start(NodeLaunch launch) {
    return RedisContainer.start(launch, image);
  }

  /** Host network: a port free for this JVM is free for the containers too. */
  @Override
  public int freePort() {
    return LocalPorts.pickFree();
  }
}
