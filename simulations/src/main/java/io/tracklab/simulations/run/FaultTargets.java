package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.chaos.FlushFault;
import io.tracklab.harness.chaos.SlotMigrationFault;
import io.tracklab.harness.chaos.SwapDbFault;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each scheduled fault will land, resolved against the running topology and printed before
 * the load starts, so nobody learns from the damage which machine a name meant: the node, its
 * proxy (what a proxy fault acts on) and the node's own address (what a kill or a failover acts
 * on). Targets that follow the topology ({@code current-primary}) are resolved again when injected.
 */
final class FaultTargets {
  private FaultTargets() {}

  static List<String> describe(Topology topology, FaultSchedule faults) {
    List<String> lines = new ArrayList<>();
    for (ScheduledFault scheduled : faults.faults()) {
      lines.add(scheduled.text() + "  ->  " + target(topology, scheduled));
    }
    return lines;
  }

  private static String target(Topology topology, ScheduledFault scheduled) {
    if (scheduled.fault() instanceof SlotMigrationFault migration) {
      RedisNode owner = topology.currentPrimary(migration.slot());
      return "slot " + migration.slot() + ", now on " + owner.name() + " (the node itself at "
          + hostPort(owner.directUri().getHost(), owner.directUri().getPort()) + "), moves to "
          + (migration.to() != null ? migration.to() : "another primary, chosen when injected");
    }
    String name = scheduled.fault().target();
    if (name == null && (scheduled.fault() instanceof FlushFault || scheduled.fault() instanceof SwapDbFault)) {
      return "the whole keyspace, on every primary (now " + java.util.Arrays.stream(topology.currentPrimaries())
          .map(RedisNode::name).distinct().collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
    if (name == null) {
      return "the " + topology.kind().label() + " topology as a whole (its Sentinels or nodes pick the new primary)";
    }
    RedisNode node;
    String prefix = "";
    try {
      node = topology.node(name);
    } catch (RuntimeException notANodeName) {
      try {
        node = topology.currentPrimary(0);
        prefix = "resolved when injected; now ";
      } catch (RuntimeException unresolved) {
        return name + ": resolved when injected";
      }
    }
    String where = scheduled.fault().throughProxy()
        ? "proxy \"" + node.proxy().getName() + "\" at " + hostPort(node.proxyUri().getHost(), node.proxyUri().getPort())
        : "the node itself at " + hostPort(node.directUri().getHost(), node.directUri().getPort());
    return prefix + node.name() + ": " + where;
  }

  private static String hostPort(String host, int port) {
    return host + ":" + port;
  }
}
