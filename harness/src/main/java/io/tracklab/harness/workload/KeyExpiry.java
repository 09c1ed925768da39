package io.tracklab.harness.workload;

import java.time.Duration;
import java.util.Objects;

/**
 * Which keys of the workload expire: a fixed share of them is written with {@code SET .. PX ttl}
 * every time (the preload too), the others never expire. The share is chosen by a hash of the key's
 * index, not its rank, so with a skewed distribution expiring keys are hot and cold alike, and
 * every process of a run (the writer, the checker, each injector) agrees on the same keys.
 *
 * @param share of the keys, 0..1
 * @param ttl the expiry of every write of an expiring key (PX: milliseconds, at least 1)
 */
public record KeyExpiry(double share, Duration ttl) {
  /** No key expires. */
  public static final KeyExpiry NONE = new KeyExpiry(0, Duration.ofSeconds(1));

  /** Buckets of the hash; the share is taken in steps of 1/BUCKETS. */
  private static final long BUCKETS = 1L << 32;

  public KeyExpiry {
    Objects.requireNonNull(ttl, "ttl");
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("the share of expiring keys must be between 0 and 1, got " + share);
    }
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("a key's TTL must be at least 1 ms (SET .. PX), got " + ttl.toMillis() + " ms");
    }
  }

  /** Whether every write of key {@code index} carries the TTL. */
  public boolean expires(int index) {
    if (share == 0) {
      return false;
    }
    // Knuth's multiplicative hash: consecutive indexes spread over the buckets
    long bucket = (index * 2654435761L) & (BUCKETS - 1);
    return bucket < (long) (share * BUCKETS);
  }

  /** The TTL of key {@code index}'s writes, or null when it does not expire. */
  public Duration ttlOf(int index) {
    return expires(index) ? ttl : null;
  }

  public boolean any() {
    return share > 0;
  }
}
