package io.tracklab.topologies.external;

import io.lettuce.core.RedisURI;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import java.util.Locale;
import java.util.Map;

/**
 * A running topology as an external topology file (docs/external-topology.md): how a distributed
 * run's injectors reach the topology its controller provisioned, through the same proxies, with
 * nothing of their own to start. Faults are not allowed through it: the controller alone injects
 * them.
 */
public final class ExternalTopologyDescription {
  private ExternalTopologyDescription() {}

  /**
   * One injector's own way to a node, in place of the node's shared proxy (a distributed run's
   * {@code via} faults act on it).
   */
  public record Link(String proxy, String host, int port) {}

  /** The topology as every client reaches it: through each node's shared proxy. */
  public static String yaml(Topology topology) {
    return yaml(topology, Map.of());
  }

  /**
   * @param links by node name: where this file's reader reaches those nodes instead of their proxies
   * @throws IllegalArgumentException for a secured topology (its passwords would have to travel
   *     with the file; not supported yet)
   */
  public static String yaml(Topology topology, Map<String, Link> links) {
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
      Link link = links.get(node.name());
      yaml.append("  - name: ").append(node.name()).append('\n')
          .append("    role: ").append(node.initialRole().name().toLowerCase(Locale.ROOT)).append('\n')
          .append("    proxy: ").append(link == null ? node.proxy().getName() : link.proxy()).append('\n')
          .append("    address: ").append(link == null ? hostPort(node.proxyUri()) : link.host() + ":" + link.port())
          .append('\n')
          .append("    admin: ").append(hostPort(node.directUri())).append('\n');
    }
    return yaml.toString();
  }

  private static String hostPort(RedisURI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}
