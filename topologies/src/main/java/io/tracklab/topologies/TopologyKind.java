package io.tracklab.topologies;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Redis topologies tracklab provisions. */
public enum TopologyKind {
  /** One primary. */
  STANDALONE("standalone"),
  /** One primary, two replicas, three Sentinels (quorum 2). */
  SENTINEL("sentinel"),
  /** Three primaries with a replica each, 16384 slots spread over the primaries. */
  CLUSTER("cluster");

  private final String label;

  TopologyKind(String label) {
    this.label = label;
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
