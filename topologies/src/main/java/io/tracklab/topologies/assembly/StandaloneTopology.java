package io.tracklab.topologies.assembly;

import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.node.NodeLauncher;
import io.tracklab.topologies.node.ProxyServer;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;
import java.util.List;

/** One primary behind one proxy. Ready when it answers PING. */
final class StandaloneTopology extends AssembledTopology {
  StandaloneTopology(Path directory, TopologySecurity security, ProxyServer proxyServer, NodeLauncher launcher) {
    super(TopologyKind.STANDALONE, directory, security, proxyServer, launcher);
  }

  @Override
  void assemble() {
    startNode("primary", NodeRole.PRIMARY, false, false, ports -> List.of());
  }

  @Override
  public List<RedisURI> clientUris() {
    return List.of(node("primary").proxyUri());
  }

  @Override
  public RedisNode currentPrimary(int slot) {
    return node("primary");
  }
}
