package io.tracklab.harness.nearcache;

/**
 * Told about every event that changes what the cache may serve, with the
 * {@link System#nanoTime()} at which it happened, so probes can time invalidation delay and
 * flushes without polling. Called on the connection's I/O thread: return quickly, never block.
 */
public interface NearCacheListener {
  NearCacheListener NONE = new NearCacheListener() {};

  /** Redis invalidated {@code key} (it may or may not have been held locally). */
  default void onInvalidation(long nanoTime, String key, boolean wasHeld) {}

  /** Every entry was dropped. */
  default void onFlush(long nanoTime, FlushReason reason, long entriesDropped) {}

  /** A new connection epoch began (after connecting or reconnecting, tracking is on). */
  default void onEpochChange(long nanoTime, long epoch) {}

  /** Hits stopped (heartbeat deadline missed, disconnected) or resumed. */
  default void onHealthChange(long nanoTime, boolean healthy) {}
}
