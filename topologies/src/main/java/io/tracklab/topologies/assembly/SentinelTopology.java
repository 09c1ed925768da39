package io.tracklab.topologies.assembly;

import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.node.Await;
import io.tracklab.topologies.node.NodeLauncher;
import io.tracklab.topologies.node.ProxyServer;
import io.tracklab.topologies.security.NodeAuthConfig;
import io.tracklab.topologies.security.TopologySecurity;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A primary, two replicas and three Sentinels (quorum 2, down-after 1000 ms, failover-timeout
 * 3000 ms), each behind its own proxy. Replicas replicate from the primary's proxy and announce
 * their own proxy; Sentinels monitor the primary's proxy and announce theirs, so everything
 * Sentinel tells a client, and every replication link, goes through proxies.
 *
 * <p>Ready when both replicas report {@code master_link_status:up} and every Sentinel knows both
 * replicas and the two other Sentinels.
 */
final class SentinelTopology extends AssembledTopology {
  static final String MASTER_NAME = "tracklab";
  private static final int REPLICAS = 2;
  private static final int SENTINELS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(20);

  SentinelTopology(Path directory, TopologySecurity security, ProxyServer proxyServer, NodeLauncher launcher) {
    super(TopologyKind.SENTINEL, directory, security, proxyServer, launcher);
  }

  @Override
  void assemble() {
    ProxiedNode primary = startNode("primary", NodeRole.PRIMARY, false, false,
        ports -> announcing(ports, List.of()));
    List<ProxiedNode> replicas = new ArrayList<>();
    for (int i = 1; i <= REPLICAS; i++) {
      replicas.add(startNode("replica-" + i, NodeRole.REPLICA, false, false, ports -> announcing(ports,
          List.of("replicaof " + AssembledTopology.HOST + " " + primary.proxyPort()))));
    }
    for (ProxiedNode replica : replicas) {
      Await.until(replica.name() + " replicating from primary through its proxy", READY_TIMEOUT,
          () -> replicationProblem(replica), replica.handle().logLocation());
    }
    List<ProxiedNode> sentinels = new ArrayList<>();
    for (int i = 1; i <= SENTINELS; i++) {
      sentinels.add(startNode("sentinel-" + i, NodeRole.SENTINEL, true, false, ports -> {
        List<String> config = new ArrayList<>(List.of(
            "sentinel announce-ip " + AssembledTopology.HOST,
            "sentinel announce-port " + ports.proxyPort(),
            "sentinel monitor " + MASTER_NAME + " " + AssembledTopology.HOST + " " + primary.proxyPort() + " 2",
            "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
            "sentinel failover-timeout " + MASTER_NAME + " 3000",
            "sentinel parallel-syncs " + MASTER_NAME + " " + REPLICAS));
        config.addAll(NodeAuthConfig.sentinel(security, MASTER_NAME));
        return config;
      }));
    }
    for (ProxiedNode sentinel : sentinels) {
      Await.until(sentinel.name() + " knowing " + REPLICAS + " replicas and " + (SENTINELS - 1)
              + " other Sentinels", READY_TIMEOUT,
          () -> sentinelProblem(sentinel), sentinel.handle().logLocation());
    }
  }

  /** Replication settings every data node gets: announce the proxy; no diskless-sync delay. */
  private static List<String> announcing(NodePorts ports, List<String> more) {
    List<String> config = new ArrayList<>(List.of(
        "replica-announce-ip " + AssembledTopology.HOST,
        "replica-announce-port " + ports.proxyPort(),
        "repl-diskless-sync-delay 0"));
    config.addAll(more);
    return config;
  }

  private String replicationProblem(ProxiedNode replica) {
    String info = admin.redis(replica).info("replication");
    return info.contains("master_link_status:up") ? null : "INFO replication says " + oneLine(info);
  }

  private String sentinelProblem(ProxiedNode sentinel) {
    Map<String, String> master = admin.sentinel(sentinel).master(MASTER_NAME);
    String replicas = master.get("num-slaves");
    String others = master.get("num-other-sentinels");
    if (!String.valueOf(REPLICAS).equals(replicas) || !String.valueOf(SENTINELS - 1).equals(others)) {
      return "num-slaves=" + replicas + ", num-other-sentinels=" + others;
    }
    return null;
  }

  private static String oneLine(String info) {
    return info.replace("\r\n", " ").trim();
  }

  @Override
  public List<RedisURI> clientUris() {
    List<InetSocketAddress> sentinels = new ArrayList<>();
    for (RedisNode node : nodes()) {
      if (node.initialRole() == NodeRole.SENTINEL) {
        sentinels.add(InetSocketAddress.createUnresolved(AssembledTopology.HOST, ((ProxiedNode) node).proxyPort()));
      }
    }
    return List.of(security.sentinelClientUri(MASTER_NAME, sentinels));
  }

  @Override
  public Optional<String> masterName() {
    return Optional.of(MASTER_NAME);
  }

  /** The node the Sentinels name as primary now (asked directly of the first that answers). */
  @Override
  public RedisNode currentPrimary(int slot) {
    TopologyException last = null;
    for (RedisNode node : nodes()) {
      if (node.initialRole() != NodeRole.SENTINEL || !((ProxiedNode) node).handle().isAlive()) {
        continue;
      }
      try {
        SocketAddress address = admin.sentinel(node).getMasterAddrByName(MASTER_NAME);
        return nodeByProxyPort(((InetSocketAddress) address).getPort());
      } catch (RuntimeException e) {
        last = new TopologyException(node.name() + " cannot name the primary: " + e.getMessage(), e);
      }
    }
    throw last != null ? last : new TopologyException("no Sentinel is running to name the primary");
  }

  /**
   * {@code SENTINEL FAILOVER}, then waits until the Sentinels name another node and that node
   * reports {@code role:master}.
   */
  @Override
  public RedisNode sentinelFailover() {
    RedisNode before = currentPrimary(0);
    RedisNode asked = firstLiveSentinel();
    admin.sentinel(asked).failover(MASTER_NAME);
    RedisNode[] after = new RedisNode[1];
    Await.until("Sentinel failover away from " + before.name(), FAILOVER_TIMEOUT, () -> {
      RedisNode now = currentPrimary(0);
      if (now.name().equals(before.name())) {
        return "Sentinels still name " + before.name();
      }
      String role = admin.redis(now).info("replication");
      if (!role.contains("role:master")) {
        return now.name() + " is named primary but says " + oneLine(role);
      }
      after[0] = now;
      return null;
    }, ((ProxiedNode) asked).handle().logLocation());
    return after[0];
  }

  private RedisNode firstLiveSentinel() {
    for (RedisNode node : nodes()) {
      if (node.initialRole() == NodeRole.SENTINEL && ((ProxiedNode) node).handle().isAlive()) {
        return node;
      }
    }
    throw new TopologyException("no Sentinel is running");
  }
}
