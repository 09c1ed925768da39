package io.tracklab.harness.chaos;

/**
 * A planned failover: {@code SENTINEL FAILOVER} (target null), or {@code CLUSTER FAILOVER} on the
 * target replica. Returns once the new primary is in place; nothing to heal.
 */
public record FailoverFault(String kind, String target) implements Fault {
  public FailoverFault {
    if (kind.equals("sentinel-failover") != (target == null) || !kind.endsWith("-failover")) {
      throw new IllegalArgumentException("sentinel-failover takes no node, cluster-failover a replica: "
          + kind + " " + target);
    }
  }

  @Override
  public String requiredTopology() {
    return target == null ? "sentinel" : "cluster";
  }

  @Override
  public boolean byRedisCommand() {
    return true;
  }

  @Override
  public boolean timesFailover() {
    return true;
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    if (node == null) {
      topology.sentinelFailover();
    } else {
      topology.clusterFailover(node);
    }
    return Heal.NOTHING;
  }
}
