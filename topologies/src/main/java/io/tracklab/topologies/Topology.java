package io.tracklab.topologies;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.tracklab.topologies.security.TopologySecurity;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running Redis topology in which every node (and every Sentinel) is reached by clients only
 * through its own Toxiproxy proxy, so any link can be slowed, cut or reset. Closing it stops
 * every process it started and every proxy.
 *
 * <p>Fault operations cover what proxies cannot do: kill, restart and pause processes,
 * Sentinel and Cluster failovers, slot migration. Each names nodes by their stable names and
 * fails with a {@link TopologyException} for a node or operation the topology does not have.
 */
public interface Topology extends AutoCloseable {

  TopologyKind kind();

  /** Every node, primaries first, then replicas, then Sentinels. */
  List<RedisNode> nodes();

  /** The node of that name; throws listing the names there are. */
  RedisNode node(String name);

  /**
   * What a client connects to, all through proxies: standalone, the primary; Sentinel, one
   * {@code redis-sentinel://} URI listing every Sentinel with the master name; Cluster, every
   * node (any one is a seed).
   */
  List<RedisURI> clientUris();

  /**
   * A direct connection to the node, bypassing its proxy, for audits and checks (e.g. reading
   * every key straight from the primaries). Owned by the topology: do not close it.
   */
  RedisCommands<String, String> admin(String node);

  /** The Sentinel master name; empty for other kinds. */
  Optional<String> masterName();

  /** Drives this topology's proxies (the embedded server, a container, or an external one). */
  ToxiproxyClient toxiproxy();

  /** The Toxiproxy API those proxies live on, {@code http://host:port}. */
  String toxiproxyUrl();

  /**
   * How the topology is secured: the credentials in {@link #clientUris()} (the client user) and
   * {@link RedisNode#directUri()} (the admin), and whether connections are TLS.
   */
  default TopologySecurity security() {
    return TopologySecurity.NONE;
  }

  /**
   * What a Lettuce client needs in its {@code ClientOptions} to reach this topology over TLS
   * (trust in its certificate authority, the client certificate); empty without TLS.
   */
  default Optional<SslOptions> sslOptions() {
    return Optional.empty();
  }

  /** How long {@code start} took until the topology was ready. */
  Duration startupTime();

  /** The node that is primary now (after failovers too); for Cluster, of the given slot. */
  RedisNode currentPrimary(int slot);

  /**
   * {@link #currentPrimary} of every slot (index = slot; one element for topologies without
   * slots), asking each node once rather than once a slot: for audits that read every key.
   */
  default RedisNode[] currentPrimaries() {
    return new RedisNode[] {currentPrimary(0)};
  }

  /** SIGKILL the node's process: a crash. */
  void kill(String node);

  /** Start a killed node again, same port, same files. */
  void restart(String node);

  /** SIGSTOP: the node stalls with its connections open. */
  void pause(String node);

  /** SIGCONT after {@link #pause}. */
  void resume(String node);

  /** {@code SENTINEL FAILOVER}; returns the new primary once Sentinel reports it. */
  RedisNode sentinelFailover();

  /** {@code CLUSTER FAILOVER} on a replica; returns once it is a primary. */
  void clusterFailover(String replica);

  /** Moves one slot, with its keys, from one primary to another (MIGRATING/IMPORTING/MIGRATE). */
  void migrateSlot(int slot, String fromPrimary, String toPrimary);

  /** Stops every process and proxy; idempotent. */
  @Override
  void close();
}
