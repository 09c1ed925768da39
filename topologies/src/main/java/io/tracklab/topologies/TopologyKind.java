package io.tracklab.topologies;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Redis topologies tracklab provisions. */
public enum TopologyKind {
  /** One primary. */
  STANDALONE("standalone", List.of("primary")),
  /** One primary, two replicas, three Sentinels (quorum 2). */
  SENTINEL("sentinel", List.of("primary", "replica-1", "replica-2", "sentinel-1", "sentinel-2", "sentinel-3")),
  /** Three primaries with a replica each, 16384 slots spread over the primaries. */
  CLUSTER("cluster", List.of("node-1", "node-2", "node-3", "node-4", "node-5", "node-6"));

  private final String label;
  private final List<String> nodeNames;

  TopologyKind(String label, List<String> nodeNames) {
    this.label = label;
    this.nodeNames = nodeNames;
  }

  /**
   * The names of the nodes tracklab provisions for this kind, in start order (the topology ITs
   * hold the provisioned topologies to it), so fault schedules can be checked before any start.
   */
  public List<String> nodeNames() {
    return nodeNames;
  }

  public String label() {
    return label;
  }

  /**
   * Parses a topology name (case-insensitive).
   *
   * @throws TopologyException naming the bad value and the valid ones
   */
  public static TopologyKind parse(String name) {
    for (TopologyKind kind : values()) {
      if (kind.label.equalsIgnoreCase(String.valueOf(name).trim())) {
        return kind;
      }
    }
    throw new TopologyException("unknown topology '" + name + "': expected one of "
        + Arrays.stream(values()).map(TopologyKind::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label.toLowerCase(Locale.ROOT);
  }
}
