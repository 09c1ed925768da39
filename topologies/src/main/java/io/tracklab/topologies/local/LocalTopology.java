package io.tracklab.topologies.local;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.toxiproxy.EmbeddedToxiproxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What every local topology shares: real redis-server processes on 127.0.0.1, each behind its own
 * proxy on an embedded Toxiproxy server, files under one directory, and process-level faults.
 *
 * <p>Start-up order matters for announcing: a node's proxy is created first (its port is what
 * the node announces to replicas, Sentinels and Cluster peers), then the node is started on a
 * free port behind it. If the port is taken meanwhile, another is chosen and the proxy's
 * upstream follows.
 */
abstract class LocalTopology implements Topology {
  private static final int START_ATTEMPTS = 3;

  protected final Path directory;
  protected final AdminClient admin = new AdminClient();
  private final TopologyKind kind;
  private final EmbeddedToxiproxy toxiproxyServer;
  private final ToxiproxyClient toxiproxy;
  private final Map<String, LocalNode> nodes = new LinkedHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private Duration startupTime = Duration.ZERO;

  LocalTopology(TopologyKind kind, Path directory) {
    this.kind = kind;
    this.directory = directory;
    this.toxiproxyServer = EmbeddedToxiproxy.startOnLoopback();
    this.toxiproxy = new ToxiproxyClient(toxiproxyServer.host(), toxiproxyServer.port());
  }

  /** Starts every node and waits until the topology is ready. */
  final void start() {
    long start = System.nanoTime();
    assemble();
    startupTime = Duration.ofNanos(System.nanoTime() - start);
  }

  /** Starts the nodes and waits on the topology's own readiness conditions. */
  abstract void assemble();

  /** Ports a node's configuration is written with. */
  record NodePorts(int port, int proxyPort, int busPort) {}

  /**
   * Creates the node's proxy, then starts the node behind it.
   *
   * @param config the node's configuration lines, given its ports
   */
  protected final LocalNode startNode(
      String name, NodeRole role, boolean sentinel, boolean clusterBus,
      Function<NodePorts, List<String>> config) {
    int port = LocalPorts.pickFree();
    Proxy proxy;
    try {
      proxy = toxiproxy.createProxy(name, RedisProcess.HOST + ":0", RedisProcess.HOST + ":" + port);
    } catch (IOException e) {
      throw new TopologyException("cannot create the proxy for " + name + ": " + e.getMessage(), e);
    }
    int proxyPort = Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
    RedisProcess.PortTakenException clash = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int busPort = clusterBus ? pickOtherThan(port) : 0;
      try {
        if (attempt > 0) {
          proxy.setUpstream(RedisProcess.HOST + ":" + port);
        }
        RedisProcess process = RedisProcess.start(new RedisProcess.Launch(
            name, directory.resolve(name), port, config.apply(new NodePorts(port, proxyPort, busPort)),
            sentinel));
        LocalNode node = new LocalNode(name, role, proxy, proxyPort, process, busPort);
        synchronized (nodes) {
          nodes.put(name, node);
        }
        return node;
      } catch (RedisProcess.PortTakenException e) {
        clash = e;
        port = LocalPorts.pickFree();
      } catch (IOException e) {
        throw new TopologyException("cannot point the proxy of " + name + " at port " + port + ": " + e, e);
      }
    }
    throw clash;
  }

  private static int pickOtherThan(int port) {
    int other;
    do {
      other = LocalPorts.pickFree();
    } while (other == port);
    return other;
  }

  @Override
  public TopologyKind kind() {
    return kind;
  }

  @Override
  public List<RedisNode> nodes() {
    synchronized (nodes) {
      return Collections.unmodifiableList(new ArrayList<>(nodes.values()));
    }
  }

  @Override
  public LocalNode node(String name) {
    synchronized (nodes) {
      LocalNode node = nodes.get(name);
      if (node == null) {
        throw new TopologyException("no node '" + name + "' in this " + kind + " topology; nodes: "
            + String.join(", ", nodes.keySet()));
      }
      return node;
    }
  }

  /** The node whose proxy listens on {@code proxyPort}. */
  protected final LocalNode nodeByProxyPort(int proxyPort) {
    for (RedisNode node : nodes()) {
      if (((LocalNode) node).proxyPort() == proxyPort) {
        return (LocalNode) node;
      }
    }
    throw new TopologyException("no node's proxy listens on 127.0.0.1:" + proxyPort
        + " (a node announced an address that is not a proxy)");
  }

  @Override
  public Optional<String> masterName() {
    return Optional.empty();
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  /** Where this topology keeps its nodes' configuration, data and logs. */
  public Path directory() {
    return directory;
  }

  // ---- process faults ----

  @Override
  public void kill(String name) {
    LocalNode node = node(name);
    admin.forget(name);
    node.process().kill();
  }

  @Override
  public void restart(String name) {
    node(name).process().restart();
  }

  @Override
  public void pause(String name) {
    node(name).process().pause();
  }

  @Override
  public void resume(String name) {
    node(name).process().resume();
  }

  @Override
  public RedisNode sentinelFailover() {
    throw unsupported("a Sentinel failover");
  }

  @Override
  public void clusterFailover(String replica) {
    throw unsupported("a Cluster failover");
  }

  @Override
  public void migrateSlot(int slot, String fromPrimary, String toPrimary) {
    throw unsupported("slot migration");
  }

  protected final TopologyException unsupported(String operation) {
    return new TopologyException(operation + " needs a "
        + (operation.contains("Sentinel") ? "sentinel" : "cluster") + " topology; this one is " + kind);
  }

  /**
   * Stops the admin connections, the proxies (so nodes stop reaching each other before they go
   * away, instead of retrying against stopped peers), then every node, last started first.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      admin.close();
      toxiproxyServer.close();
    } finally {
      List<RedisNode> started = new ArrayList<>(nodes());
      Collections.reverse(started);
      for (RedisNode node : started) {
        ((LocalNode) node).process().close();
      }
    }
  }

  @Override
  public String toString() {
    return kind + " topology in " + directory + ": " + nodes();
  }
}
