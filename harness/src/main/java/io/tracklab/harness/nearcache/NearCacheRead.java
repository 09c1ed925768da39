package io.tracklab.harness.nearcache;

/**
 * A read and where it was served from: {@code local} (a hit, no network) or from Redis.
 *
 * @param value null when the key does not exist
 */
public record NearCacheRead<V>(V value, boolean local) {}
