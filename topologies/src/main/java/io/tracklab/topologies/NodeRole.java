package io.tracklab.topologies;

/** What a node was started as. Failovers change who is primary; ask the topology for that. */
public enum NodeRole {
  PRIMARY,
  REPLICA,
  SENTINEL
}
