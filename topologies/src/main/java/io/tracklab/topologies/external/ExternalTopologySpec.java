package io.tracklab.topologies.external;

import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.TopologyKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated external topology file: the user's own Redis nodes, each behind a proxy on the
 * user's own Toxiproxy server.
 *
 * @param file where it was read from, for messages
 * @param allowFaults the file's {@code allowFaults}: whether a run may inject faults through these
 *     proxies at all (default false: someone else's infrastructure is left alone unless its file
 *     says otherwise)
 */
public record ExternalTopologySpec(
    Path file,
    TopologyKind kind,
    Optional<String> masterName,
    boolean allowFaults,
    HostPort toxiproxy,
    List<Node> nodes) {

  public ExternalTopologySpec {
    nodes = List.copyOf(nodes);
  }

  /**
   * One node.
   *
   * @param proxy the proxy's name on the Toxiproxy server
   * @param address where clients reach the node: its proxy, as clients see it
   * @param admin the node itself, bypassing the proxy (audits)
   */
  public record Node(String name, NodeRole role, String proxy, HostPort address, HostPort admin) {}
}
