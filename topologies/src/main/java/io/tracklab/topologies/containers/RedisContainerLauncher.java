package io.tracklab.topologies.containers;

import io.tracklab.topologies.local.LocalPorts;
import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.NodeLauncher;

/** Nodes as {@code redis} containers on the host network ({@link RedisContainer}). */
final class RedisContainerLauncher implements NodeLauncher {
  private final ImageSource image;
  private final String runName;

  RedisContainerLauncher(ImageSource image, String runName) {
    this.image = image;
    this.runName = runName;
  }

  @Override
  public NodeHandle start(NodeLaunch launch) {
    return RedisContainer.start(launch, image, runName);
  }

  /** Host network: a port free for this JVM is free for the containers too. */
  @Override
  public int freePort() {
    return LocalPorts.pickFree();
  }
}
