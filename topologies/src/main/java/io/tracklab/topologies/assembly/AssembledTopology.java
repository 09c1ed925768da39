package io.tracklab.topologies.assembly;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.node.AdminClient;
import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.NodeLauncher;
import io.tracklab.topologies.node.PortTakenException;
import io.tracklab.topologies.node.ProxyServer;
import io.tracklab.topologies.security.NodeAuthConfig;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.nio.file.Files;
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
import javax.net.ssl.SSLContext;

/**
 * A topology assembled from nodes that each sit behind their own proxy on 127.0.0.1: what the
 * local (processes) and containers provisioners share. How nodes run is a {@link NodeLauncher}'s
 * business and where proxies live a {@link ProxyServer}'s; this class and its subclasses decide
 * what to start, how nodes announce themselves, and when the topology is ready.
 *
 * <p>Start-up order matters for announcing: a node's proxy is created first (its port is what
 * the node announces to replicas, Sentinels and Cluster peers), then the node is started on a
 * free port behind it. If the port is taken meanwhile, another is chosen and the proxy's
 * upstream follows.
 */
public abstract class AssembledTopology implements Topology {
  /** Every node and proxy binds here. */
  public static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;

  protected final Path directory;
  protected final AdminClient admin;
  protected final TopologySecurity security;
  /** The run's certificates when the topology is TLS-only; null otherwise. */
  protected final TlsMaterial tls;
  private final SslOptions sslOptions;
  /** How readiness probes reach TLS-only nodes; null without TLS. */
  private final SSLContext probeContext;
  private final TopologyKind kind;
  private final ProxyServer proxyServer;
  private final NodeLauncher launcher;
  private final Map<String, ProxiedNode> nodes = new LinkedHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private Duration startupTime = Duration.ZERO;

  AssembledTopology(TopologyKind kind, Path directory, TopologySecurity security, ProxyServer proxyServer,
      NodeLauncher launcher) {
    this.kind = kind;
    this.directory = directory;
    this.security = security;
    this.tls = security.tls() ? TlsMaterial.generate(directory.resolve("tls")) : null;
    this.sslOptions = tls == null ? null : tls.sslOptions();
    this.probeContext = tls == null ? null : tls.sslContext();
    this.admin = new AdminClient(sslOptions);
    this.proxyServer = proxyServer;
    this.launcher = launcher;
  }

  /**
   * Creates the topology of {@code kind} and starts it; a start that fails half way stops what
   * it had started (and the proxy server) before the exception leaves.
   */
  public static Topology start(TopologyKind kind, Path directory, ProxyServer proxyServer, NodeLauncher launcher) {
    return start(kind, directory, TopologySecurity.NONE, proxyServer, launcher);
  }

  /** {@link #start(TopologyKind, Path, ProxyServer, NodeLauncher)}, secured as {@code security} says. */
  public static Topology start(TopologyKind kind, Path directory, TopologySecurity security,
      ProxyServer proxyServer, NodeLauncher launcher) {
    AssembledTopology topology = switch (kind) {
      case STANDALONE -> new StandaloneTopology(directory, security, proxyServer, launcher);
      case SENTINEL -> new SentinelTopology(directory, security, proxyServer, launcher);
      case CLUSTER -> new ClusterTopology(directory, security, proxyServer, launcher);
    };
    try {
      topology.start();
      return topology;
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
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
   * Creates the node's proxy, then starts the node behind it. A data node's configuration gets
   * the topology's authentication lines after {@code config}; a Sentinel's are its topology's
   * business (they name the monitored master).
   *
   * @param config the node's configuration lines, given its ports
   */
  protected final ProxiedNode startNode(
      String name, NodeRole role, boolean sentinel, boolean clusterBus,
      Function<NodePorts, List<String>> config) {
    int port = launcher.freePort();
    Proxy proxy;
    try {
      proxy = proxyServer.client().createProxy(name, HOST + ":0", HOST + ":" + port);
    } catch (IOException e) {
      throw new TopologyException("cannot create the proxy for " + name + ": " + e.getMessage(), e);
    }
    int proxyPort = Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
    PortTakenException clash = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int busPort = clusterBus ? freePortOtherThan(port) : 0;
      try {
        if (attempt > 0) {
          proxy.setUpstream(HOST + ":" + port);
        }
        List<String> lines = new ArrayList<>(config.apply(new NodePorts(port, proxyPort, busPort)));
        if (tls != null) {
          lines.addAll(tls.serverConfig(port, kind == TopologyKind.CLUSTER && !sentinel));
        }
        if (!sentinel) {
          lines.addAll(NodeAuthConfig.dataNode(security, kind != TopologyKind.STANDALONE));
        }
        NodeHandle handle = launcher.start(new NodeLaunch(name, directory.resolve(name), port, lines, sentinel,
            probeContext));
        ProxiedNode node = new ProxiedNode(name, role, proxy, proxyPort, handle, busPort, security);
        synchronized (nodes) {
          nodes.put(name, node);
        }
        return node;
      } catch (PortTakenException e) {
        clash = e;
        port = launcher.freePort();
      } catch (IOException e) {
        throw new TopologyException("cannot point the proxy of " + name + " at port " + port + ": " + e, e);
      }
    }
    throw clash;
  }

  private int freePortOtherThan(int port) {
    int other;
    do {
      other = launcher.freePort();
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
  public ProxiedNode node(String name) {
    synchronized (nodes) {
      ProxiedNode node = nodes.get(name);
      if (node == null) {
        throw new TopologyException("no node '" + name + "' in this " + kind + " topology; nodes: "
            + String.join(", ", nodes.keySet()));
      }
      return node;
    }
  }

  /** The node whose proxy listens on {@code proxyPort}. */
  protected final ProxiedNode nodeByProxyPort(int proxyPort) {
    for (RedisNode node : nodes()) {
      if (((ProxiedNode) node).proxyPort() == proxyPort) {
        return (ProxiedNode) node;
      }
    }
    throw new TopologyException("no node's proxy listens on 127.0.0.1:" + proxyPort
        + " (a node announced an address that is not a proxy)");
  }

  @Override
  public RedisCommands<String, String> admin(String node) {
    return admin.redis(node(node));
  }

  @Override
  public TopologySecurity security() {
    return security;
  }

  @Override
  public Optional<SslOptions> sslOptions() {
    return Optional.ofNullable(sslOptions);
  }

  @Override
  public Optional<String> masterName() {
    return Optional.empty();
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return proxyServer.client();
  }

  @Override
  public String toxiproxyUrl() {
    return proxyServer.url();
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
    ProxiedNode node = node(name);
    admin.forget(name);
    node.handle().kill();
  }

  @Override
  public void restart(String name) {
    node(name).handle().restart();
  }

  @Override
  public void pause(String name) {
    node(name).handle().pause();
  }

  @Override
  public void resume(String name) {
    node(name).handle().resume();
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
      proxyServer.close();
    } finally {
      List<RedisNode> started = new ArrayList<>(nodes());
      Collections.reverse(started);
      for (RedisNode node : started) {
        ((ProxiedNode) node).handle().close();
      }
      if (security.authenticated()) {
        removeConfigFiles(started);
      }
    }
  }

  /**
   * Configuration files hold the clear-text passwords Redis must send itself (masterauth,
   * Sentinel's auth-pass): they go with the nodes, logs and data stay for reading.
   */
  private void removeConfigFiles(List<RedisNode> stopped) {
    for (RedisNode node : stopped) {
      for (String file : List.of("redis.conf", "sentinel.conf")) {
        Path path = directory.resolve(node.name()).resolve(file);
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          System.err.println("tracklab: cannot remove " + path + " (it holds a password): " + e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return kind + " topology in " + directory + ": " + nodes();
  }
}
