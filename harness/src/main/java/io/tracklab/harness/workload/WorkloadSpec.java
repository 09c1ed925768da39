package io.tracklab.harness.workload;

import java.util.Objects;

/**
 * What load to make: which keys, how they are picked, how many reads per write, how big the
 * values are, how many writer and reader threads, and at what total rate.
 *
 * @param keys size of the key space; keys are named {@code <prefix><index>}
 * @param readRatio fraction of operations that are reads, in [0, 1]
 * @param valueSize bytes per value (versioned values are padded to it)
 * @param targetRate operations per second across all threads; 0 means as fast as possible
 * @param expiry which keys are written with a TTL ({@link KeyExpiry#NONE}: none)
 */
public record WorkloadSpec(
    String keyPrefix,
    int keys,
    KeyDistribution distribution,
    double readRatio,
    int valueSize,
    int writers,
    int readers,
    double targetRate,
    KeyExpiry expiry) {

  /** A workload whose keys never expire. */
  public WorkloadSpec(String keyPrefix, int keys, KeyDistribution distribution, double readRatio, int valueSize,
      int writers, int readers, double targetRate) {
    this(keyPrefix, keys, distribution, readRatio, valueSize, writers, readers, targetRate, KeyExpiry.NONE);
  }

  public WorkloadSpec {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(expiry, "expiry");
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be at least 1, got " + keys);
    }
    if (!(readRatio >= 0 && readRatio <= 1)) {
      throw new IllegalArgumentException("readRatio must be between 0 and 1, got " + readRatio);
    }
    if (valueSize < VersionedValue.minimumSize(keyPrefix + (keys - 1))) {
      throw new IllegalArgumentException("valueSize must be at least "
          + VersionedValue.minimumSize(keyPrefix + (keys - 1)) + " bytes to hold the key, version and writer, got "
          + valueSize);
    }
    if (writers < 0 || readers < 0 || writers + readers == 0) {
      throw new IllegalArgumentException("writers and readers must not be negative and not both 0, got writers="
          + writers + ", readers=" + readers);
    }
    if (readRatio < 1 && writers == 0) {
      throw new IllegalArgumentException("readRatio " + readRatio + " asks for writes, but writers is 0");
    }
    if (!(targetRate >= 0) || Double.isInfinite(targetRate)) {
      throw new IllegalArgumentException("targetRate must be 0 (unthrottled) or a positive number, got " + targetRate);
    }
  }

  /** The name of key {@code index}. */
  public String key(int index) {
    return keyPrefix + index;
  }
}
