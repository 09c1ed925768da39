package io.tracklab.topologies.assembly;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.Range;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.node.Await;
import io.tracklab.topologies.node.NodeLauncher;
import io.tracklab.topologies.node.ProxyServer;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Three primaries ({@code node-1..3}, a third of the 16384 slots each) and a replica of each
 * ({@code node-4..6}), {@code cluster-node-timeout 1000}. Every node announces its proxy
 * ({@code cluster-announce-ip/port}), so {@code CLUSTER SLOTS}, {@code MOVED} and {@code ASK}
 * lead clients back through proxies, and replicas replicate through their primary's proxy. The
 * cluster bus stays direct ({@code cluster-port}, announced as is), so a proxy fault cuts
 * clients and replication, not gossip.
 *
 * <p>Assembly: config epochs 1..3 and slot ranges on the primaries before they meet (no epoch
 * collisions to resolve), {@code CLUSTER MEET} on raw ports, then {@code CLUSTER REPLICATE}.
 * Ready when every node knows all six, reports {@code cluster_state:ok}, and every replica's
 * link is up.
 */
final class ClusterTopology extends AssembledTopology {
  static final int PRIMARIES = 3;
  static final int SLOTS = 16384;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(20);
  private static final int MIGRATE_BATCH = 100;

  private final Map<String, String> nodeIds = new HashMap<>();

  ClusterTopology(Path directory, TopologySecurity security, ProxyServer proxyServer, NodeLauncher launcher) {
    super(TopologyKind.CLUSTER, directory, security, proxyServer, launcher);
  }

  @Override
  void assemble() {
    List<ProxiedNode> all = new ArrayList<>();
    for (int i = 1; i <= 2 * PRIMARIES; i++) {
      all.add(startNode("node-" + i, i <= PRIMARIES ? NodeRole.PRIMARY : NodeRole.REPLICA, false, true, ports -> {
        List<String> config = new ArrayList<>(List.of(
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            "cluster-node-timeout 1000",
            "cluster-port " + ports.busPort(),
            "cluster-announce-ip " + AssembledTopology.HOST,
            "cluster-announce-port " + ports.proxyPort(),
            "cluster-announce-bus-port " + ports.busPort(),
            "repl-diskless-sync-delay 0"));
        if (tls != null) {
          // over TLS, CLUSTER SLOTS and redirections name this port
          config.add("cluster-announce-tls-port " + ports.proxyPort());
        }
        return config;
      }));
    }
    for (ProxiedNode node : all) {
      nodeIds.put(node.name(), admin.redis(node).clusterMyId());
    }
    for (int i = 0; i < PRIMARIES; i++) {
      RedisCommands<String, String> primary = admin.redis(all.get(i));
      cluster(primary, "SET-CONFIG-EPOCH", String.valueOf(i + 1));
      primary.clusterAddSlotsRange(Range.create(firstSlot(i), firstSlot(i + 1) - 1));
    }
    RedisCommands<String, String> first = admin.redis(all.get(0));
    for (ProxiedNode other : all.subList(1, all.size())) {
      cluster(first, "MEET", AssembledTopology.HOST, String.valueOf(other.port()), String.valueOf(other.busPort()));
    }
    for (ProxiedNode node : all) {
      Await.until(node.name() + " knowing all " + all.size() + " nodes", READY_TIMEOUT,
          () -> knownNodesProblem(node, all.size()), node.handle().logLocation());
    }
    for (int i = 0; i < PRIMARIES; i++) {
      admin.redis(all.get(PRIMARIES + i)).clusterReplicate(nodeIds.get(all.get(i).name()));
    }
    for (ProxiedNode node : all) {
      Await.until(node.name() + " in a healthy cluster", READY_TIMEOUT,
          () -> healthProblem(node), node.handle().logLocation());
    }
  }

  /** The first slot of primary {@code i} (0-based); {@code i == PRIMARIES} gives 16384. */
  static int firstSlot(int i) {
    return (int) ((long) SLOTS * i / PRIMARIES);
  }

  private static String cluster(RedisCommands<String, String> node, String... arguments) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
    for (String argument : arguments) {
      args.add(argument);
    }
    return node.dispatch(CommandType.CLUSTER, new StatusOutput<>(StringCodec.UTF8), args);
  }

  private Partitions partitions(RedisNode node) {
    return ClusterPartitionParser.parse(admin.redis(node).clusterNodes());
  }

  private String knownNodesProblem(ProxiedNode node, int expected) {
    Partitions view = partitions(node);
    if (view.size() != expected) {
      return "it knows " + view.size();
    }
    for (RedisClusterNode known : view) {
      if (known.is(RedisClusterNode.NodeFlag.HANDSHAKE) || known.getNodeId() == null) {
        return "still in handshake with " + known.getUri();
      }
    }
    return null;
  }

  private String healthProblem(ProxiedNode node) {
    String info = admin.redis(node).clusterInfo();
    if (!info.contains("cluster_state:ok")) {
      return "CLUSTER INFO says " + info.replace("\r\n", " ").trim();
    }
    int primaries = 0;
    int replicas = 0;
    for (RedisClusterNode known : partitions(node)) {
      if (known.is(RedisClusterNode.NodeFlag.FAIL) || known.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)) {
        return known.getUri() + " is flagged failing";
      }
      nodeByProxyPort(known.getUri().getPort()); // announced addresses must be proxies
      if (known.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        primaries++;
      } else if (known.is(RedisClusterNode.NodeFlag.REPLICA)) {
        replicas++;
      }
    }
    if (primaries != PRIMARIES || replicas != PRIMARIES) {
      return "it sees " + primaries + " primaries and " + replicas + " replicas";
    }
    if (node.initialRole() == NodeRole.REPLICA) {
      String replication = admin.redis(node).info("replication");
      if (!replication.contains("master_link_status:up")) {
        return "replication link not up yet";
      }
    }
    return null;
  }

  @Override
  public List<RedisURI> clientUris() {
    List<RedisURI> uris = new ArrayList<>();
    for (RedisNode node : nodes()) {
      uris.add(node.proxyUri());
    }
    return uris;
  }

  /**
   * The primary that owns {@code slot}. Views differ for a moment after a failover or a move
   * (gossip takes time), so every live node is asked and, as in Redis Cluster itself, the claim
   * with the highest config epoch wins.
   */
  @Override
  public RedisNode currentPrimary(int slot) {
    if (slot < 0 || slot >= SLOTS) {
      throw new TopologyException("slot must be between 0 and " + (SLOTS - 1) + ", got " + slot);
    }
    return primaryOf(ownerClaims(), slot);
  }

  /** Per slot, the owner named with the highest config epoch by any running node. */
  @Override
  public RedisNode[] currentPrimaries() {
    RedisClusterNode[] owners = ownerClaims();
    RedisNode[] primaries = new RedisNode[SLOTS];
    for (int slot = 0; slot < SLOTS; slot++) {
      primaries[slot] = primaryOf(owners, slot);
    }
    return primaries;
  }

  /**
   * Per slot, the owner claim with the highest config epoch among the running nodes' views (null:
   * nobody claims it): asking one node right after a failover can name the dead primary.
   */
  private RedisClusterNode[] ownerClaims() {
    RedisClusterNode[] best = new RedisClusterNode[SLOTS];
    for (RedisNode node : nodes()) {
      if (!((ProxiedNode) node).handle().isAlive()) {
        continue;
      }
      Partitions view;
      try {
        view = partitions(node);
      } catch (RuntimeException unreachable) {
        continue;
      }
      for (RedisClusterNode owner : view) {
        for (int slot : owner.getSlots()) {
          if (best[slot] == null || owner.getConfigEpoch() > best[slot].getConfigEpoch()) {
            best[slot] = owner;
          }
        }
      }
    }
    return best;
  }

  private RedisNode primaryOf(RedisClusterNode[] owners, int slot) {
    if (owners[slot] == null) {
      throw new TopologyException("no running node names an owner of slot " + slot);
    }
    return nodeByProxyPort(owners[slot].getUri().getPort());
  }

  /** {@code CLUSTER FAILOVER} (coordinated, not forced) on a replica; waits until it is primary. */
  @Override
  public void clusterFailover(String replica) {
    ProxiedNode node = node(replica);
    String role = admin.redis(node).info("replication");
    if (!role.contains("role:slave")) {
      throw new TopologyException(replica + " is not a replica now; CLUSTER FAILOVER runs on a replica");
    }
    int slot = firstSlotOf(primaryOf(node));
    admin.redis(node).clusterFailover(false);
    Await.until(replica + " taking over as primary", FAILOVER_TIMEOUT, () -> {
      String now = admin.redis(node).info("replication");
      return now.contains("role:master") ? null : "INFO replication says " + now.replace("\r\n", " ").trim();
    }, node.handle().logLocation());
    awaitAgreement(slot, admin.redis(node).clusterMyId(), replica);
  }

  /** The primary a replica replicates, by its cluster view. */
  private RedisClusterNode primaryOf(ProxiedNode replica) {
    Partitions view = partitions(replica);
    RedisClusterNode self = view.getPartitionByNodeId(admin.redis(replica).clusterMyId());
    return view.getPartitionByNodeId(self.getSlaveOf());
  }

  private static int firstSlotOf(RedisClusterNode primary) {
    if (primary == null || primary.getSlots().isEmpty()) {
      throw new TopologyException("the replica's primary serves no slots");
    }
    return primary.getSlots().get(0);
  }

  /** Waits until every live node says {@code nodeId} (named {@code name}) owns {@code slot}. */
  private void awaitAgreement(int slot, String nodeId, String name) {
    for (RedisNode node : nodes()) {
      if (((ProxiedNode) node).handle().isAlive()) {
        Await.until(node.name() + " seeing slot " + slot + " on " + name, READY_TIMEOUT, () -> {
          RedisClusterNode seen = partitions(node).getPartitionBySlot(slot);
          return seen != null && nodeId.equals(seen.getNodeId()) ? null
              : "it sees " + (seen == null ? "no owner" : seen.getUri());
        }, ((ProxiedNode) node).handle().logLocation());
      }
    }
  }

  /**
   * Moves {@code slot} and its keys: IMPORTING on the target, MIGRATING on the source, MIGRATE
   * the keys in batches straight from node to node, then SETSLOT NODE on every primary, and waits
   * until every live node agrees on the new owner. Clients that still go to the old owner get
   * {@code ASK} during the move and {@code MOVED} after it, both naming the target's proxy.
   */
  @Override
  public void migrateSlot(int slot, String fromPrimary, String toPrimary) {
    ProxiedNode from = node(fromPrimary);
    ProxiedNode to = node(toPrimary);
    RedisNode owner = currentPrimary(slot);
    if (!owner.name().equals(fromPrimary)) {
      throw new TopologyException("slot " + slot + " is owned by " + owner.name() + ", not " + fromPrimary);
    }
    String fromId = admin.redis(from).clusterMyId();
    String toId = admin.redis(to).clusterMyId();
    admin.redis(to).clusterSetSlotImporting(slot, fromId);
    admin.redis(from).clusterSetSlotMigrating(slot, toId);
    List<String> keys;
    while (!(keys = admin.redis(from).clusterGetKeysInSlot(slot, MIGRATE_BATCH)).isEmpty()) {
      admin.redis(from).migrate(AssembledTopology.HOST, to.port(), 0, 5000, authenticated(MigrateArgs.Builder.keys(keys)));
    }
    admin.redis(to).clusterSetSlotNode(slot, toId);
    admin.redis(from).clusterSetSlotNode(slot, toId);
    for (RedisNode node : nodes()) {
      if (node != from && node != to && ((ProxiedNode) node).handle().isAlive()
          && admin.redis(node).info("replication").contains("role:master")) {
        admin.redis(node).clusterSetSlotNode(slot, toId);
      }
    }
    awaitAgreement(slot, toId, toPrimary);
  }

  /** MIGRATE connects to the target itself: as the admin when the topology has authentication. */
  private MigrateArgs<String> authenticated(MigrateArgs<String> args) {
    if (!security.authenticated()) {
      return args;
    }
    return security.admin().username() == null ? args.auth(security.admin().password().chars())
        : args.auth2(security.admin().username(), security.admin().password().reveal());
  }
}
