package io.tracklab.harness.nearcache;

/**
 * Which node reads go to. Only primaries for now: a replica's tracking would invalidate on the
 * replication stream, later than the primary acknowledges writes, which the staleness bound
 * does not account for yet.
 */
public enum ReadFrom {
  PRIMARY
}
