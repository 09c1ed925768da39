package io.tracklab.harness.client;

import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.util.concurrent.CompletableFuture;

/**
 * What a load driver reads through: tracklab's near-cache, or a client to compare it with
 * (a TTL-only cache, no cache at all, other libraries' client-side caches). Writes go to Redis
 * by other means (the harness's writers), as other application instances' would.
 */
public interface CacheClient extends AutoCloseable {

  /** {@code tracklab}, {@code ttl}, ... */
  String name();

  /** Reads a key; says whether the value came from the local store. */
  CompletableFuture<NearCacheRead<String>> readAsync(String key);

  /** Counters of a client with a near-cache; null for clients that have none. */
  NearCacheStats stats();

  @Override
  void close();

  /** Builds a client for the given endpoints; {@code listener} gets invalidation events where the client has them. */
  interface Factory {
    CacheClient open(ClientEndpoints endpoints, NearCacheListener listener);
  }
}
