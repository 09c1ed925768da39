package io.tracklab.harness.nearcache;

/** Why every entry was dropped at once. */
public enum FlushReason {
  /** The tracking connection was lost: its invalidations can no longer arrive. */
  DISCONNECTED,
  /** No heartbeat reply within the deadline: the link may be silently partitioned. */
  HEARTBEAT_MISSED,
  /** Redis sent a null invalidation (FLUSHALL, FLUSHDB, or a full resync). */
  NULL_INVALIDATION,
  /** The connection now reaches another primary (Sentinel failover). */
  PRIMARY_CHANGED,
  /** Cluster slots changed owner (topology change, MOVED, slot migration): their entries go. */
  SLOTS_MOVED,
  /** The application asked ({@code invalidateLocal()}). */
  LOCAL,
  /** The cache was closed. */
  CLOSED
}
