package io.tracklab.simulations.run;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.cluster.SlotHash;
import io.tracklab.harness.chaos.ChaosTarget;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.lettuce.core.FlushMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.function.Predicate;

/** A provisioned {@link Topology} as the harness's {@link ChaosTarget}. */
public final class TopologyChaosTarget implements ChaosTarget {
  private final Topology topology;
  private final KeyspaceChanges keyspaceChanges;
  private final InjectorLinks links;

  /**
   * How a change of the whole keyspace (SWAPDB, FLUSHALL) runs: the run fences its writes around it and
   * tells its checker; {@link #UNOBSERVED} just runs it.
   */
  @FunctionalInterface
  public interface KeyspaceChanges {
    KeyspaceChanges UNOBSERVED = Runnable::run;

    /** Runs {@code change}, which takes every key of database 0 away at once. */
    void emptying(Runnable change);
  }

  public TopologyChaosTarget(Topology topology, KeyspaceChanges keyspaceChanges) {
    this(topology, keyspaceChanges, null);
  }

  /** With the injectors' own links a distributed run's controller made, for faults {@code via} one. */
  public TopologyChaosTarget(Topology topology, KeyspaceChanges keyspaceChanges, InjectorLinks links) {
    this.topology = topology;
    this.keyspaceChanges = keyspaceChanges;
    this.links = links;
  }

  @Override
  public String kind() {
    return topology.kind().label();
  }

  @Override
  public String node(String name) {
    return topology.node(name).name();
  }

  @Override
  public Proxy proxy(String node) {
    return topology.node(node).proxy();
  }

  @Override
  public Proxy proxyVia(String node, String injector) {
    return links == null ? ChaosTarget.super.proxyVia(node, injector) : links.proxy(node, injector);
  }

  @Override
  public Predicate<String> keysServedBy(String node) {
    if (topology.kind() != TopologyKind.CLUSTER) {
      return null;
    }
    RedisNode[] primaries = topology.currentPrimaries();
    boolean[] served = new boolean[primaries.length];
    for (int slot = 0; slot < primaries.length; slot++) {
      served[slot] = primaries[slot].name().equals(node);
    }
    return key -> served[SlotHash.getSlot(key)];
  }

  @Override
  public String currentPrimary(int slot) {
    return topology.currentPrimary(slot).name();
  }

  /** Data nodes that answer {@code role:master} now (Sentinels and unreachable nodes are not). */
  @Override
  public List<String> primaries() {
    List<String> primaries = new ArrayList<>();
    for (RedisNode node : topology.nodes()) {
      if (node.initialRole() == io.tracklab.topologies.NodeRole.SENTINEL) {
        continue;
      }
      try {
        if (topology.admin(node.name()).info("replication").contains("role:master")) {
          primaries.add(node.name());
        }
      } catch (RuntimeException unreachable) {
        // killed or paused: not a primary anything can move to
      }
    }
    return primaries;
  }

  @Override
  public void kill(String node) {
    topology.kill(node);
  }

  @Override
  public void restart(String node) {
    topology.restart(node);
  }

  @Override
  public void pause(String node) {
    topology.pause(node);
  }

  @Override
  public void resume(String node) {
    topology.resume(node);
  }

  @Override
  public void sentinelFailover() {
    topology.sentinelFailover();
  }

  @Override
  public void clusterFailover(String replica) {
    topology.clusterFailover(replica);
  }

  @Override
  public void swapDatabases(int first, int second) {
    String primary = topology.currentPrimary(0).name();
    keyspaceChanges.emptying(() -> topology.admin(primary).swapdb(first, second));
  }

  @Override
  public void flush(boolean all, boolean async) {
    FlushMode mode = async ? FlushMode.ASYNC : FlushMode.SYNC;
    Set<String> primaries = new LinkedHashSet<>();
    for (RedisNode primary : topology.currentPrimaries()) {
      primaries.add(primary.name());
    }
    keyspaceChanges.emptying(() -> {
      for (String primary : primaries) {
        if (all) {
          topology.admin(primary).flushall(mode);
        } else {
          topology.admin(primary).flushdb(mode);
        }
      }
    });
  }

  @Override
  public String configSet(String node, String name, String value) {
    var admin = topology.admin(topology.node(node).name());
    String before = admin.configGet(name).get(name);
    if (before == null) {
      throw new IllegalStateException(node + " has no configuration parameter " + name + " (Redis 6 or later has)");
    }
    admin.configSet(name, value);
    return before;
  }

  @Override
  public void killConnections(String node, String type) {
    io.lettuce.core.KillArgs kill = switch (type) {
      case "pubsub" -> io.lettuce.core.KillArgs.Builder.typePubsub();
      case "normal" -> io.lettuce.core.KillArgs.Builder.typeNormal();
      default -> throw new IllegalArgumentException("not a connection type: " + type);
    };
    // SKIPME: the harness's own admin connection stays
    topology.admin(topology.node(node).name()).clientKill(kill.skipme());
  }

  @Override
  public void migrateSlot(int slot, String fromPrimary, String toPrimary) {
    topology.migrateSlot(slot, fromPrimary, toPrimary);
  }
}
