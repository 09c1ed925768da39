package io.tracklab.harness.chaos;

import eu.rekawek.toxiproxy.Proxy;
import java.util.List;
import java.util.function.Predicate;

/**
 * What faults act on: a topology's nodes, their proxies and processes, and Redis's own failover
 * and resharding commands. {@code harness} does not provision topologies (DESIGN.md 2); the
 * simulations adapt theirs to this.
 */
public interface ChaosTarget {

  /** {@code standalone}, {@code sentinel} or {@code cluster}. */
  String kind();

  /** The node's name if the topology has it; otherwise an exception listing the names there are. */
  String node(String name);

  /** The node's Toxiproxy proxy. */
  Proxy proxy(String node);

  /**
   * The proxy of one injector's own link to the node, in a distributed run whose timeline names
   * it ({@code via injector-2}); only a controller has them.
   */
  default Proxy proxyVia(String node, String injector) {
    throw new IllegalStateException("no link of " + injector + " to " + node
        + ": \"via\" an injector needs a distributed run (--injectors) whose controller made it");
  }

  /** The node that is primary now (of {@code slot} on a Cluster). */
  String currentPrimary(int slot);

  /** The nodes that are primaries now, in a stable order. */
  List<String> primaries();

  /**
   * The keys (by name) whose primary is {@code node} now, where that is only some of them (a
   * Cluster primary); null where one primary serves every key.
   */
  default Predicate<String> keysServedBy(String node) {
    return null;
  }

  void kill(String node);

  void restart(String node);

  void pause(String node);

  void resume(String node);

  /** {@code SENTINEL FAILOVER}; returns once the new primary is in place. */
  void sentinelFailover();

  /** {@code CLUSTER FAILOVER} on a replica; returns once it is primary. */
  void clusterFailover(String replica);

  /**
   * {@code SWAPDB first second} on the primary (replicas follow through replication), with no
   * write of the workload in flight across it, and the run's checker told that every key of
   * database {@code first} went at that instant (a change no write of the workload explains).
   */
  void swapDatabases(int first, int second);

  /**
   * {@code FLUSHALL} ({@code all}) or {@code FLUSHDB} [{@code ASYNC}] on every primary, with no
   * write of the workload in flight across it, and the run's checker told that every key went at
   * that instant (Redis tells tracking clients with a null invalidation).
   */
  void flush(boolean all, boolean async);

  /**
   * {@code CONFIG SET name value} on the node; returns the value it had, for the heal to put back.
   */
  String configSet(String node, String name, String value);

  /** {@code CLIENT KILL TYPE type SKIPME yes} on the node: its client connections of that type close. */
  void killConnections(String node, String type);

  /** Moves a slot with its keys between primaries. */
  void migrateSlot(int slot, String fromPrimary, String toPrimary);
}
