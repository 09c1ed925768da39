package io.tracklab.topologies.external;

import io.lettuce.core.RedisURI;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import java.util.Locale;

/**
 * A running topology as an external topology file (docs/external-topology.md): how a distributed
 * run's injectors reach the topology its controller provisioned, through the same proxies, with
 * nothing of their own to start. Faults are not allowed through it: the controller alone injects
 * them.
 */
public final class ExternalTopologyDescription {
  private ExternalTopologyDescription() {}

  /**
   * @throws IllegalArgumentException for a secured topology (its passwords would have to travel
   *     with the file; not supported yet)
   */
  public static String yaml(Topology topology) {
    if (topology.security().secured()) {
      throw new IllegalArgumentException("a secured topology (" + topology.security().label()
          + ") cannot be handed to injectors yet: run distributed experiments without --auth/--tls");
    }
    StringBuilder yaml = new StringBuilder()
        .append("# the topology a tracklab controller provisioned, for its injectors\n")
        .append("schema: 1\n")
        .append("kind: ").append(topology.kind().label()).append('\n');
    topology.masterName().ifPresent(name -> yaml.append("masterName: ").append(name).append('\n'));
    yaml.append("allowFaults: false\n")
        .append("toxiproxy:\n")
        .append("  url: ").append(topology.toxiproxyUrl()).append('\n')
        .append("nodes:\n");
    for (RedisNode node : topology.nodes()) {
      yaml.append("  - name: ").append(node.name()).append('\n')
          .append("    role: ").append(node.initialRole().name().toLowerCase(Locale.ROOT)).append('\n')
          .append("    proxy: ").append(node.proxy().getName()).append('\n')
          .append("    address: ").append(hostPort(node.proxyUri())).append('\n')
          .append("    admin: ").append(hostPort(node.directUri())).append('\n');
    }
    return yaml.toString();
  }

  private static String hostPort(RedisURI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}
