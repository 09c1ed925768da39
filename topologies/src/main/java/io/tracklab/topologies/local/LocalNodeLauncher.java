package io.tracklab.topologies.local;

import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.NodeLauncher;

/** Nodes as local {@code redis-server} processes ({@link RedisProcess}). */
final class LocalNodeLauncher implements NodeLauncher {
  @Override
  public NodeHandle start(NodeLaunch launch) {
    return RedisProcess.start(launch);
  }

  @Override
  public int freePort() {
    return LocalPorts.pickFree();
  }
}
