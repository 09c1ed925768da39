package io.tracklab.harness.nearcache;

/**
 * What the local store holds for a key: a read in flight, or a value. Both belong to the
 * {@link TrackingEpoch} whose connection tracked them.
 */
sealed interface CacheSlot<V> permits CacheSlot.PendingRead, CacheSlot.Cached {

  TrackingEpoch epoch();

  /**
   * Placed before a GET is sent; its identity is the token. An invalidation removes it; the
   * reply is stored only if this very object is still there (compare-and-set). A shared marker
   * would let a second read's marker stand in for the first's after an invalidation (ABA).
   */
  final class PendingRead<V> implements CacheSlot<V> {
    private final TrackingEpoch epoch;

    PendingRead(TrackingEpoch epoch) {
      this.epoch = epoch;
    }

    @Override
    public TrackingEpoch epoch() {
      return epoch;
    }
  }

  /**
   * A value (null: the key did not exist) as Redis sent it while tracking this key; served only
   * while {@code epoch} still covers {@code slot}, and only before {@code expiresAtNanos}
   * ({@link System#nanoTime()}): never after the key's expiry on the server.
   */
  record Cached<V>(V value, TrackingEpoch epoch, int slot, long expiresAtNanos) implements CacheSlot<V> {

    /** Whether the key may have expired on the server by {@code nowNanos}. */
    boolean expiredAt(long nowNanos) {
      return nowNanos - expiresAtNanos >= 0;
    }
  }
}
