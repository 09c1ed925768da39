package io.tracklab.topologies.external;

import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.security.TlsFiles;
import io.tracklab.topologies.security.TopologySecurity;
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
 * @param allowNodeFaults the file's {@code allowNodeFaults}, the second flag: whether a run may
 *     also act on the nodes themselves where Redis has a command for it (Sentinel and Cluster
 *     failovers); only with {@code allowFaults}. Killing, pausing and migrating are never allowed:
 *     tracklab does not own these processes or this data.
 * @param security how the nodes authenticate clients and whether they speak TLS: the file's
 *     {@code security} block (passwords read from env: or file: references)
 * @param tls where the TLS settings are; null without TLS
 */
public record ExternalTopologySpec(
    Path file,
    TopologyKind kind,
    Optional<String> masterName,
    boolean allowFaults,
    boolean allowNodeFaults,
    HostPort toxiproxy,
    List<Node> nodes,
    TopologySecurity security,
    TlsFiles tls) {

  public ExternalTopologySpec {
    nodes = List.copyOf(nodes);
    if (security.tls() != (tls != null)) {
      throw new IllegalArgumentException("TLS files without TLS, or TLS without files");
    }
  }

  /** A topology without passwords or TLS, whose file allows no fault on the nodes themselves. */
  public ExternalTopologySpec(Path file, TopologyKind kind, Optional<String> masterName, boolean allowFaults,
      HostPort toxiproxy, List<Node> nodes) {
    this(file, kind, masterName, allowFaults, false, toxiproxy, nodes);
  }

  /** A topology without passwords or TLS. */
  public ExternalTopologySpec(Path file, TopologyKind kind, Optional<String> masterName, boolean allowFaults,
      boolean allowNodeFaults, HostPort toxiproxy, List<Node> nodes) {
    this(file, kind, masterName, allowFaults, allowNodeFaults, toxiproxy, nodes, TopologySecurity.NONE, null);
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
