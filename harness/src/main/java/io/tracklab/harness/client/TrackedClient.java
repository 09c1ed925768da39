package io.tracklab.harness.client;

import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import io.tracklab.harness.nearcache.TrackedNearCache;
import java.util.concurrent.CompletableFuture;

/** tracklab's own near-cache ({@link TrackedNearCache}) as a {@link CacheClient}. */
public final class TrackedClient implements CacheClient {
  private final String name;
  private final TrackedNearCache<String> cache;

  private TrackedClient(String name, TrackedNearCache<String> cache) {
    this.name = name;
    this.cache = cache;
  }

  /** {@code tracklab}: the near-cache as configured (the default tracking mode unless it says otherwise). */
  public static CacheClient.Factory factory(NearCacheConfig config) {
    return factory("tracklab", config);
  }

  /**
   * The near-cache under another name, for one of its tracking modes side by side with the default
   * ({@code tracklab-bcast}, {@code tracklab-optin}).
   */
  public static CacheClient.Factory factory(String name, NearCacheConfig config) {
    return (endpoints, listener) -> {
      NearCacheConfig reaching = endpoints.tls().map(ssl -> config.mutate().ssl(ssl).build()).orElse(config);
      return new TrackedClient(name, endpoints.cluster()
          ? TrackedNearCache.stringsOnCluster(endpoints.resources(), endpoints.uris(), reaching, listener)
          : TrackedNearCache.strings(endpoints.resources(), endpoints.uris().get(0), reaching, listener));
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<NearCacheRead<String>> readAsync(String key) {
    return cache.readAsync(key);
  }

  @Override
  public NearCacheStats stats() {
    return cache.stats();
  }

  @Override
  public void close() {
    cache.close();
  }
}
