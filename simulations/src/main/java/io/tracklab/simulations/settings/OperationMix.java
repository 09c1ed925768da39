package io.tracklab.simulations.settings;

import io.tracklab.harness.config.DurationText;
import io.tracklab.harness.workload.KeyExpiry;
import java.time.Duration;
import java.util.Objects;

/**
 * How operations split beyond reads and writes ({@link RunSettings#readRatio}): a share of the
 * reads are multi-key reads of {@code mgetSize} keys, a share of the writes are deletes, and a
 * share of the keys is written with a TTL every time.
 *
 * @param mgetRatio share of reads that are MGETs, 0..1 ({@code -DmgetRatio})
 * @param mgetSize keys per MGET, at least 2 ({@code -DmgetSize})
 * @param deleteRatio share of writes that are DELs, 0..1 ({@code -DdeleteRatio})
 * @param expiringKeys share of the keys every write (and the preload) gives {@code keyTtl}, 0..1
 *     ({@code -DexpiringKeys}; see {@link KeyExpiry})
 * @param keyTtl their TTL ({@code -DkeyTtl}, {@code SET .. PX})
 */
public record OperationMix(double mgetRatio, int mgetSize, double deleteRatio, double expiringKeys, Duration keyTtl) {
  /** The TTL of expiring keys when only their share is given (declared first: the next one uses it). */
  public static final Duration DEFAULT_KEY_TTL = Duration.ofSeconds(1);
  /** Single-key GETs and SETs only. */
  public static final OperationMix GETS_AND_SETS = new OperationMix(0, 2, 0);

  public OperationMix {
    Objects.requireNonNull(keyTtl, "keyTtl");
    if (!(mgetRatio >= 0 && mgetRatio <= 1)) {
      throw new IllegalArgumentException("mgetRatio must be between 0 and 1, got " + mgetRatio);
    }
    if (mgetSize < 2) {
      throw new IllegalArgumentException("mgetSize must be at least 2, got " + mgetSize);
    }
    if (!(deleteRatio >= 0 && deleteRatio <= 1)) {
      throw new IllegalArgumentException("deleteRatio must be between 0 and 1, got " + deleteRatio);
    }
    if (!(expiringKeys >= 0 && expiringKeys <= 1)) {
      throw new IllegalArgumentException("expiringKeys must be between 0 and 1, got " + expiringKeys);
    }
    if (keyTtl.toMillis() < 1) {
      throw new IllegalArgumentException("keyTtl must be at least 1ms (SET .. PX), got " + DurationText.format(keyTtl));
    }
  }

  /** No expiring keys. */
  public OperationMix(double mgetRatio, int mgetSize, double deleteRatio) {
    this(mgetRatio, mgetSize, deleteRatio, 0, DEFAULT_KEY_TTL);
  }

  /** Which keys expire, for the workload and the checker. */
  public KeyExpiry expiry() {
    return expiringKeys == 0 ? KeyExpiry.NONE : new KeyExpiry(expiringKeys, keyTtl);
  }

  static OperationMix from(PropertyReader read, OperationMix defaults) {
    return new OperationMix(
        read.decimal("mgetRatio", defaults.mgetRatio(), 0, 1),
        read.integer("mgetSize", defaults.mgetSize(), 2),
        read.decimal("deleteRatio", defaults.deleteRatio(), 0, 1),
        read.decimal("expiringKeys", defaults.expiringKeys(), 0, 1),
        read.positiveDuration("keyTtl", defaults.keyTtl()));
  }
}
