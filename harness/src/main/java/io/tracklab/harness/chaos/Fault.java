package io.tracklab.harness.chaos;

import java.io.IOException;
import java.util.Map;

/**
 * One fault tracklab can inject into a topology, through its proxies (toxics, disable) or its
 * processes (kill, pause) or Redis itself (failover, slot migration). Injecting returns what
 * heals it; faults that cannot be undone (a failover, a migration) heal to nothing.
 */
public sealed interface Fault permits ToxicFault, ProxyDisableFault, ProcessFault, FailoverFault, SlotMigrationFault,
    NodeCommandFault {

  /** The kind as written in schedules and results: {@code latency}, {@code partition}, {@code kill}... */
  String kind();

  /** The node it is aimed at as written ({@code primary}, {@code current-primary}); null for topology-wide faults. */
  String target();

  /**
   * The injector of a distributed run whose own link to the node it acts on ({@code injector-2});
   * null for faults of the node itself or its shared proxy (all of them but toxics named so).
   */
  default String via() {
    return null;
  }

  /** Its parameters for the result ({@code latency_ms: 50}, {@code direction: downstream}); none by default. */
  default Map<String, Object> parameters() {
    return Map.of();
  }

  /** The topology kind it needs ({@code sentinel}, {@code cluster}), or null when any will do. */
  default String requiredTopology() {
    return null;
  }

  /** Why it cannot run on a topology of {@code kind} ({@code standalone}...), or null when it can. */
  default String unsupportedOn(String kind) {
    String needed = requiredTopology();
    return needed == null || needed.equals(kind) ? null : "needs a " + needed + " topology; this one is " + kind;
  }

  /**
   * Whether it acts only on a node's proxy (toxics, disable), not on the node itself: the only
   * faults possible on an external topology, whose nodes tracklab does not own.
   */
  default boolean throughProxy() {
    return false;
  }

  /**
   * Whether it is a Redis command on the nodes (a failover, SWAPDB), not a process operation or
   * a change of the data's placement: on an external topology, allowed only where its file allows
   * node faults.
   */
  default boolean byRedisCommand() {
    return false;
  }

  /**
   * Whether a failover is expected to follow (kill, partition, disable, pause of a primary, a
   * failover itself): the result then times it (DESIGN.md 4, failover time).
   */
  boolean timesFailover();

  /** Injects it now; the returned heal undoes it. */
  Heal inject(ChaosTarget topology, String node) throws IOException;

  /** Undoes one injection. */
  interface Heal {
    Heal NOTHING = () -> {};

    void heal() throws IOException;

    /** False for faults that stay (a failover): their record has no heal time. */
    default boolean undoes() {
      return this != NOTHING;
    }
  }

  /**
   * The node {@code target} names now: {@code current-primary} is whichever node is primary at
   * injection (of slot 0 on a Cluster), anything else a node name of the topology.
   */
  static String resolve(ChaosTarget topology, String target) {
    if (target == null) {
      return null;
    }
    if (target.equals(FaultLine.CURRENT_PRIMARY)) {
      return topology.currentPrimary(0);
    }
    return topology.node(target);
  }
}
