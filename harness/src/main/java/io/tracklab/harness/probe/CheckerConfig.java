package io.tracklab.harness.probe;

import io.tracklab.harness.workload.KeyExpiry;
import java.time.Duration;
import java.util.Objects;

/**
 * @param keys size of the key space (keys are indexes 0..keys-1)
 * @param readers number of reader ids (0..readers-1) checked for monotonic reads
 * @param stalenessBound a stale read older than this is a bounded-staleness violation
 * @param history acknowledged versions remembered per key; a read further behind than that
 *     gets a lower bound for its age (still exact whether it violates, when the bound is met)
 * @param expiry which keys every write gives a TTL (see {@link ConsistencyChecker}'s expiry rules)
 */
public record CheckerConfig(int keys, int readers, Duration stalenessBound, int history, KeyExpiry expiry) {
  public static final int DEFAULT_HISTORY = 4;

  public CheckerConfig {
    Objects.requireNonNull(stalenessBound, "stalenessBound");
    Objects.requireNonNull(expiry, "expiry");
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be at least 1, got " + keys);
    }
    if (readers < 0) {
      throw new IllegalArgumentException("readers must not be negative, got " + readers);
    }
    if (stalenessBound.isNegative()) {
      throw new IllegalArgumentException("stalenessBound must not be negative, got " + stalenessBound);
    }
    if (history < 1 || history > 1024) {
      throw new IllegalArgumentException("history must be between 1 and 1024, got " + history);
    }
  }

  public CheckerConfig(int keys, int readers, Duration stalenessBound, int history) {
    this(keys, readers, stalenessBound, history, KeyExpiry.NONE);
  }

  public CheckerConfig(int keys, int readers, Duration stalenessBound) {
    this(keys, readers, stalenessBound, DEFAULT_HISTORY);
  }

  /** The same, with {@code other} keys expiring. */
  public CheckerConfig withExpiry(KeyExpiry other) {
    return new CheckerConfig(keys, readers, stalenessBound, history, other);
  }
}
