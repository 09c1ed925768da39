package io.tracklab.harness.nearcache;

import java.util.Map;

/**
 * A snapshot of a near-cache's counters.
 *
 * @param hits reads served locally
 * @param misses reads that went to Redis (including those made while unhealthy)
 * @param hitsRefusedUnhealthy local entries not served because the connection was not known healthy
 * @param invalidationsReceived key invalidations pushed by Redis
 * @param flushes whole-cache drops, by reason
 * @param evictions entries dropped by size or age
 * @param heartbeatMisses heartbeat deadlines missed
 * @param hitsRefusedExpired local entries not served because their key's server expiry had come
 *     (Redis announces an expiry only when it deletes the key, up to seconds later)
 */
public record NearCacheStats(
    long hits,
    long misses,
    long hitsRefusedUnhealthy,
    long invalidationsReceived,
    Map<FlushReason, Long> flushes,
    long evictions,
    long heartbeatMisses,
    long hitsRefusedExpired) {

  public NearCacheStats {
    flushes = Map.copyOf(flushes);
  }

  /** hits / (hits + misses), 0 when nothing was read. */
  public double hitRatio() {
    long reads = hits + misses;
    return reads == 0 ? 0 : (double) hits / reads;
  }
}
