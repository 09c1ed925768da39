package io.tracklab.topologies.local;

import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.TopologyKind;
import java.nio.file.Path;
import java.util.List;

/** One primary behind one proxy. Ready when it answers PING. */
final class LocalStandaloneTopology extends LocalTopology {
  LocalStandaloneTopology(Path directory) {
    super(TopologyKind.STANDALONE, directory);
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
