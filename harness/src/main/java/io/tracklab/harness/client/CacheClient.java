package io.tracklab.harness.client;

import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.util.List;
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

  /**
   * Reads several keys at once (an MGET from the application's point of view), in order. By
   * default one {@link #readAsync} per key, all in flight together: what tracklab's near-cache
   * does (hits answered locally, misses pipelined on one connection).
   */
  default CompletableFuture<List<NearCacheRead<String>>> readManyAsync(List<String> keys) {
    List<CompletableFuture<NearCacheRead<String>>> reads = keys.stream().map(this::readAsync).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(done -> reads.stream().map(CompletableFuture::join).toList());
  }

  /** Counters of a client with a near-cache; null for clients that have none. */
  NearCacheStats stats();

  @Override
  void close();

  /** Builds a client for the given endpoints; {@code listener} gets invalidation events where the client has them. */
  interface Factory {
    CacheClient open(ClientEndpoints endpoints, NearCacheListener listener);
  }
}
