package io.tracklab.topologies.external;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.node.Await;
import io.tracklab.topologies.node.AdminClient;
import io.tracklab.topologies.node.NodeProbe;
import io.tracklab.topologies.security.Secret;
import io.tracklab.topologies.security.TlsFiles;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A topology tracklab did not start: the user's nodes and Toxiproxy server, described by an
 * {@link ExternalTopologyFile}. Proxy faults work as everywhere (through {@link #toxiproxy()});
 * process faults, failovers and slot migration are refused, because tracklab does not own these
 * nodes. Closing it closes tracklab's connections and leaves the user's servers alone.
 */
final class ExternalTopology implements Topology {
  private final ExternalTopologySpec spec;
  private final ToxiproxyClient toxiproxy;
  private final List<ExternalNode> nodes;
  private final AdminClient admin;
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private final Duration startupTime;

  private ExternalTopology(ExternalTopologySpec spec, ToxiproxyClient toxiproxy, List<ExternalNode> nodes,
      Duration startupTime) {
    this.spec = spec;
    this.admin = new AdminClient(spec.tls() == null ? null : spec.tls().sslOptions());
    this.toxiproxy = toxiproxy;
    this.nodes = List.copyOf(nodes);
    this.startupTime = startupTime;
  }

  /** Checks the Toxiproxy server, every named proxy and every node's address, then connects. */
  static ExternalTopology connect(ExternalTopologySpec spec) {
    long start = System.nanoTime();
    String url = "http://" + spec.toxiproxy();
    ToxiproxyClient client = new ToxiproxyClient(spec.toxiproxy().host(), spec.toxiproxy().port());
    try {
      client.version();
    } catch (IOException e) {
      throw new TopologyException(spec.file() + ": the Toxiproxy server at " + url + " does not answer: "
          + e.getMessage(), e);
    }
    List<ExternalNode> nodes = new ArrayList<>();
    for (ExternalTopologySpec.Node node : spec.nodes()) {
      Proxy proxy = client.getProxyOrNull(node.proxy());
      if (proxy == null) {
        throw new TopologyException(spec.file() + ": node " + node.name() + " names proxy '" + node.proxy()
            + "', which the Toxiproxy server at " + url + " does not have");
      }
      ExternalNode external = new ExternalNode(node, proxy, spec.security());
      if (spec.security().secured()) {
        answersAsTheClient(spec, external);
      } else if (!NodeProbe.answersPing(node.address().host(), node.address().port())) {
        throw new TopologyException(spec.file() + ": node " + node.name() + " does not answer PING at "
            + node.address() + " (its proxy " + node.proxy() + " should lead there)");
      }
      nodes.add(external);
    }
    return new ExternalTopology(spec, client, nodes, Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public TopologyKind kind() {
    return spec.kind();
  }

  @Override
  public List<RedisNode> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public RedisNode node(String name) {
    for (ExternalNode node : nodes) {
      if (node.name().equals(name)) {
        return node;
      }
    }
    throw new TopologyException("no node '" + name + "' in " + spec.file() + "; nodes: "
        + String.join(", ", nodes.stream().map(ExternalNode::name).toList()));
  }

  /** A PING through the node's proxy, logged in and over TLS as the file says: both are checked before any run. */
  private static void answersAsTheClient(ExternalTopologySpec spec, ExternalNode node) {
    RedisClient probe = RedisClient.create();
    try {
      if (spec.tls() != null) {
        probe.setOptions(ClientOptions.builder().sslOptions(spec.tls().sslOptions()).build());
      }
      RedisURI uri = node.proxyUri();
      uri.setTimeout(PROBE_TIMEOUT);
      try (StatefulRedisConnection<String, String> connection = probe.connect(uri)) {
        connection.sync().ping();
      }
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      throw new TopologyException(spec.file() + ": node " + node.name() + " did not answer PING at " + node.address()
          + " (" + spec.security().label() + "): " + Secret.mask(cause.getMessage()), e);
    } finally {
      probe.shutdown(0, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public TopologySecurity security() {
    return spec.security();
  }

  @Override
  public Optional<SslOptions> sslOptions() {
    return Optional.ofNullable(spec.tls()).map(TlsFiles::sslOptions);
  }

  @Override
  public List<RedisURI> clientUris() {
    return switch (spec.kind()) {
      case STANDALONE -> List.of(nodes.get(0).proxyUri());
      case CLUSTER -> nodes.stream().map(ExternalNode::proxyUri).toList();
      case SENTINEL -> {
        List<InetSocketAddress> sentinels = nodes.stream().filter(node -> node.initialRole() == NodeRole.SENTINEL)
            .map(node -> node.address().unresolved()).toList();
        yield List.of(spec.security().sentinelClientUri(spec.masterName().orElseThrow(), sentinels,
            spec.security().tlsOnly()));
      }
    };
  }

  @Override
  public RedisCommands<String, String> admin(String node) {
    return admin.redis(node(node));
  }

  @Override
  public Optional<String> masterName() {
    return spec.masterName();
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public String toxiproxyUrl() {
    return "http://" + spec.toxiproxy();
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public RedisNode currentPrimary(int slot) {
    return switch (spec.kind()) {
      case STANDALONE -> nodes.get(0);
      case SENTINEL -> {
        RuntimeException last = null;
        for (ExternalNode node : nodes) {
          if (node.initialRole() == NodeRole.SENTINEL) {
            try {
              InetSocketAddress primary = (InetSocketAddress) admin.sentinel(node).getMasterAddrByName(
                  spec.masterName().orElseThrow());
              yield byAddress(primary.getHostString(), primary.getPort());
            } catch (RuntimeException e) {
              last = e;
            }
          }
        }
        throw new TopologyException("no Sentinel in " + spec.file() + " could name the primary", last);
      }
      case CLUSTER -> {
        RedisClusterNode owner = ClusterPartitionParser.parse(admin.redis(nodes.get(0)).clusterNodes())
            .getPartitionBySlot(slot);
        if (owner == null) {
          throw new TopologyException("no node owns slot " + slot);
        }
        yield byAddress(owner.getUri().getHost(), owner.getUri().getPort());
      }
    };
  }

  /** The node whose client-facing address is {@code host:port} (names or IPs alike). */
  private ExternalNode byAddress(String host, int port) {
    for (ExternalNode node : nodes) {
      if (node.address().port() == port && sameHost(node.address().host(), host)) {
        return node;
      }
    }
    throw new TopologyException("Redis names " + host + ":" + port + ", which is no node's address in "
        + spec.file() + " (do the nodes announce their proxies?)");
  }

  private static boolean sameHost(String a, String b) {
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private TopologyException refused(String operation) {
    return new TopologyException(operation + " is not allowed on the external topology of " + spec.file()
        + ": tracklab does not own these nodes (faults through their proxies are allowed)");
  }

  @Override
  public void kill(String node) {
    throw refused("killing " + node);
  }

  @Override
  public void restart(String node) {
    throw refused("restarting " + node);
  }

  @Override
  public void pause(String node) {
    throw refused("pausing " + node);
  }

  @Override
  public void resume(String node) {
    throw refused("resuming " + node);
  }

  /**
   * {@code SENTINEL FAILOVER} through the first Sentinel that answers, when the file says both
   * {@code allowFaults} and {@code allowNodeFaults}; returns once the Sentinels name another
   * primary and it says {@code role:master}.
   */
  @Override
  public RedisNode sentinelFailover() {
    requireNodeFaults("a Sentinel failover");
    if (spec.kind() != TopologyKind.SENTINEL) {
      throw new TopologyException("a Sentinel failover needs a sentinel topology; " + spec.file() + " is "
          + spec.kind().label());
    }
    RedisNode before = currentPrimary(0);
    RuntimeException last = null;
    for (ExternalNode sentinel : nodes) {
      if (sentinel.initialRole() == NodeRole.SENTINEL) {
        try {
          admin.sentinel(sentinel).failover(spec.masterName().orElseThrow());
          last = null;
          break;
        } catch (RuntimeException e) {
          last = e;
        }
      }
    }
    if (last != null) {
      throw new TopologyException("no Sentinel of " + spec.file() + " started a failover: " + last.getMessage(), last);
    }
    RedisNode[] after = new RedisNode[1];
    Await.until("the Sentinels of " + spec.file() + " failing over from " + before.name(), FAILOVER_TIMEOUT, () -> {
      RedisNode now = currentPrimary(0);
      if (now.name().equals(before.name())) {
        return "the Sentinels still name " + before.name();
      }
      if (!admin.redis(now).info("replication").contains("role:master")) {
        return now.name() + " is named primary but is not a master yet";
      }
      after[0] = now;
      return null;
    }, spec.file().toString());
    return after[0];
  }

  /** {@code CLUSTER FAILOVER} on {@code replica}, with both flags; returns once it is a primary. */
  @Override
  public void clusterFailover(String replica) {
    requireNodeFaults("a Cluster failover");
    ExternalNode node = (ExternalNode) node(replica);
    admin.redis(node).clusterFailover(false);
    Await.until(replica + " of " + spec.file() + " becoming a primary", FAILOVER_TIMEOUT,
        () -> admin.redis(node).info("replication").contains("role:master") ? null : replica + " is still a replica",
        spec.file().toString());
  }

  private void requireNodeFaults(String operation) {
    if (!spec.allowFaults() || !spec.allowNodeFaults()) {
      throw new TopologyException(operation + " on the external topology of " + spec.file() + " needs both "
          + "allowFaults: true and allowNodeFaults: true in that file");
    }
  }

  @Override
  public void migrateSlot(int slot, String fromPrimary, String toPrimary) {
    throw refused("slot migration");
  }

  @Override
  public void close() {
    admin.close();
  }
}
